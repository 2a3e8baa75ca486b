// fetchsrv: a Go service for pview's fetch tests. It imports net/http/pprof, listens on a
// loopback port it picks itself (written to -portfile once it listens), runs a known
// workload, and answers a few bad requests on purpose. It exits by itself after -lifetime.
//
//	fetchsrv -portfile F [-tlscert C -tlskey K] [-lifetime 120s]
//	fetchsrv -freeport        prints a loopback port with nothing listening, and exits
//	fetchsrv -adjust < CASES  for each line "SECONDS<TAB>TIMEOUT<TAB>SOURCE", prints what
//	                          go tool pprof makes of SOURCE: "URL DURATION TIMEOUT_MS" or "local"
//	fetchsrv -symbolz < URLS  for each source URL, the symbol endpoint go tool pprof posts to
//	                          ("SOURCE -> URL", or "SOURCE -> none")
//	fetchsrv -symparse FILE   what go tool pprof reads from a symbol endpoint's answer FILE:
//	                          "0xADDR NAME" per symbol, or "error: ..." when it gives up
//
// Workload: main.spinA and main.spinB burn CPU (about 2:1); main.keepAlloc holds 32 MiB in
// 1 MiB slices and main.churnAlloc allocates and drops; main.lockHog contends on a mutex;
// main.blockHog waits on a channel; main.parked goroutines sleep.
// Bad answers: /404, /500, /html (an HTML page), /hang (never answers before the client
// gives up), /stall (headers and 4 bytes, then nothing), /file?path=P (serves a file, for
// timing large profiles).
// Symbol endpoints that fail (for remote symbolization): /sym404/debug/pprof/NAME,
// /symjunk/debug/pprof/NAME and /symhang/debug/pprof/NAME serve the profile NAME as
// /debug/pprof/NAME does, while their /debug/pprof/symbol answers 404, or 200 with lines that
// are not symbols, or never answers.
// With -quiet the workload is only goroutines that never wake (main.parked, main.waitForever),
// no client connection outlives its request and nothing more is sampled for the heap profile,
// so the goroutine and heap profiles stay the same from one request to the next.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"net/url"
	"os"
	"path"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

var sink []byte
var kept [][]byte
var counter uint64

//go:noinline
func spinA(n int) uint64 {
	x := uint64(1)
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}

//go:noinline
func spinB(n int) uint64 { return spinA(n) ^ 7 }

func cpuHog() {
	for {
		counter += spinA(2000000)
		counter += spinB(1000000)
	}
}

//go:noinline
func keepAlloc() {
	for i := 0; i < 32; i++ {
		kept = append(kept, make([]byte, 1<<20))
	}
}

//go:noinline
func churnAlloc() {
	for {
		sink = make([]byte, 64<<10)
		time.Sleep(time.Millisecond)
	}
}

var mu sync.Mutex

//go:noinline
func lockHog() {
	for {
		mu.Lock()
		time.Sleep(time.Millisecond)
		mu.Unlock()
	}
}

//go:noinline
func blockHog(ch chan int) {
	for {
		<-ch
	}
}

//go:noinline
func parked() { time.Sleep(time.Hour) }

//go:noinline
func waitForever(ch chan int) { <-ch }

// failing symbol endpoints under PREFIX/debug/pprof/: the profiles as usual, the symbol
// handler replaced
func failingSymbols(prefix string, symbol http.HandlerFunc) {
	http.HandleFunc(prefix+"/debug/pprof/", func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, prefix+"/debug/pprof/")
		if name == "symbol" {
			symbol(w, r)
			return
		}
		settled(pprof.Handler(name)).ServeHTTP(w, r)
	})
}

// settled serves h after 100 ms, when the goroutines of this request (the connection's
// background reader) and of earlier ones have come to rest: the goroutine profile is the
// same from one request to the next.
func settled(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(100 * time.Millisecond)
		h.ServeHTTP(w, r)
	})
}

// adjust states go tool pprof's rule for a source (go1.19 cmd/pprof: a URL when net/url
// finds a host, retried with "http://" in front; the CPU handler when there is no path;
// the query re-encoded with seconds set; the timeout from the duration) with Go's own
// net/url, for pview's implementation to be compared with.
func adjust(src string, seconds, timeout int) string {
	u, err := url.Parse(src)
	if err != nil || (u.Host == "" && u.Scheme != "" && u.Scheme != "file") {
		u, err = url.Parse("http://" + src)
	}
	if err != nil || u.Host == "" {
		return "local"
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = "/debug/pprof/profile"
	}
	q := u.Query()
	d := 0
	if seconds > 0 {
		q.Set("seconds", strconv.Itoa(seconds))
		d = seconds
	} else if s := q.Get("seconds"); s != "" {
		if v, err := strconv.ParseInt(s, 10, 32); err == nil && v > 0 {
			d = int(v)
		}
	}
	t := timeout * 1000
	if timeout <= 0 {
		t = 60000
		if d > 0 {
			t = d * 1500
		}
	}
	u.RawQuery = q.Encode()
	return fmt.Sprintf("%s %d %d", u.String(), d, t)
}

// symbolzURL states go tool pprof's rule (go1.19's internal/symbolz) with Go's net/url and
// path: a source URL with a host asks PATH/../symbol when its path is one of net/http/pprof's
// (or a gperftools handler's), else /symbolz; the query goes.
func symbolzURL(src string) string {
	u, err := url.Parse(src)
	if err != nil || u.Host == "" {
		return "none"
	}
	gperf := false
	for _, s := range []string{"/pprof/heap", "/pprof/growth", "/pprof/profile", "/pprof/pmuprofile", "/pprof/contention"} {
		gperf = gperf || strings.HasSuffix(u.Path, s)
	}
	if strings.Contains(u.Path, "/debug/pprof/") || gperf {
		u.Path = path.Clean(u.Path + "/../symbol")
	} else {
		u.Path = "/symbolz"
	}
	u.RawQuery = ""
	return u.String()
}

func symbolzLines() {
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		fmt.Printf("%s -> %s\n", sc.Text(), symbolzURL(sc.Text()))
	}
}

// symParse reads an answer of a symbol endpoint as go tool pprof does: lines up to '\n' (a
// last one without it is not read), the regular expression below on each, the address by
// strconv.ParseUint (a failure ends the reading with an error, and nothing read is used).
func symParse(file string) {
	b, err := os.ReadFile(file)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	re := regexp.MustCompile(`(0x[[:xdigit:]]+)\s+(.*)`)
	rd := bufio.NewReader(strings.NewReader(string(b)))
	var out strings.Builder
	for {
		l, err := rd.ReadString('\n')
		if err != nil {
			break
		}
		if m := re.FindStringSubmatch(l); len(m) == 3 {
			a, err := strconv.ParseUint(m[1], 0, 64)
			if err != nil {
				fmt.Printf("error: unexpected parse failure %s: %v\n", m[1], err)
				return
			}
			fmt.Fprintf(&out, "%#x %s\n", a, m[2])
		}
	}
	fmt.Print(out.String())
}

func adjustLines() {
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), "\t", 3)
		if len(f) != 3 {
			continue
		}
		sec, _ := strconv.Atoi(f[0])
		tmo, _ := strconv.Atoi(f[1])
		fmt.Printf("%s -> %s\n", f[2], adjust(f[2], sec, tmo))
	}
}

func main() {
	portfile := flag.String("portfile", "", "write the port here once listening")
	cert := flag.String("tlscert", "", "serve HTTPS with this certificate")
	key := flag.String("tlskey", "", "and this key")
	lifetime := flag.Duration("lifetime", 120*time.Second, "exit after this long")
	freeport := flag.Bool("freeport", false, "print a free loopback port and exit")
	adjustMode := flag.Bool("adjust", false, "print go tool pprof's URLs for the sources on stdin")
	quiet := flag.Bool("quiet", false, "a workload whose goroutines never change")
	symbolzMode := flag.Bool("symbolz", false, "print go tool pprof's symbol endpoints for the URLs on stdin")
	symparse := flag.String("symparse", "", "print what go tool pprof reads from this symbol endpoint answer")
	flag.Parse()
	if *adjustMode {
		adjustLines()
		return
	}
	if *symbolzMode {
		symbolzLines()
		return
	}
	if *symparse != "" {
		symParse(*symparse)
		return
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if *freeport {
		ln.Close()
		fmt.Println(port)
		return
	}
	time.AfterFunc(*lifetime, func() { os.Exit(0) })

	if *quiet {
		quietMain(ln, *portfile, port)
		return
	}
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)
	keepAlloc()
	go cpuHog()
	go churnAlloc()
	go lockHog()
	go lockHog()
	ch := make(chan int)
	go blockHog(ch)
	go func() {
		for {
			time.Sleep(2 * time.Millisecond)
			ch <- 1
		}
	}()
	for i := 0; i < 5; i++ {
		go parked()
	}
	go func() { // heap profiles show what the last GC saw: a GC every 100 ms keeps deltas full
		for {
			time.Sleep(100 * time.Millisecond)
			runtime.GC()
		}
	}()

	http.HandleFunc("/404", http.NotFound)
	http.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom: the handler failed", http.StatusInternalServerError)
	})
	http.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>Login</title></head>\n<body>Please log in.</body></html>\n")
	})
	http.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(*lifetime):
		}
	})
	http.HandleFunc("/stall", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte{0x1f, 0x8b, 8, 0})
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(*lifetime):
		}
	})
	http.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, r.FormValue("path"))
	})

	writePort(*portfile, port)
	srv := &http.Server{}
	if *cert != "" {
		err = srv.ServeTLS(ln, *cert, *key)
	} else {
		err = srv.Serve(ln)
	}
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func writePort(portfile string, port int) {
	tmp := portfile + ".tmp"
	if err := os.WriteFile(tmp, []byte(fmt.Sprintf("%d\n", port)), 0644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.Rename(tmp, portfile); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// quietMain: five main.parked goroutines and one main.waitForever, the symbol endpoints that
// fail, and no keep-alive (a connection's goroutine ends with its request).
func quietMain(ln net.Listener, portfile string, port int) {
	// the heap profile: what was sampled until now, published by two GCs, and no more samples
	// (requests allocate; a GC between two fetches would change it)
	runtime.MemProfileRate = 0
	runtime.GC()
	runtime.GC()
	for i := 0; i < 5; i++ {
		go parked()
	}
	go waitForever(make(chan int))
	http.Handle("/debug/pprof/goroutine", settled(pprof.Handler("goroutine")))
	failingSymbols("/sym404", http.NotFound)
	failingSymbols("/symjunk", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "num_symbols: 1\n<html>0xzz not a symbol\n0x\tnothing\n")
	})
	failingSymbols("/symhang", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	writePort(portfile, port)
	srv := &http.Server{}
	srv.SetKeepAlivesEnabled(false)
	err := srv.Serve(ln)
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
