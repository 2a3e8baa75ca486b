// Writes a Go goroutine profile (goroutine.pb.gz) and a mutex profile (mutex.pb.gz) of a
// small program whose goroutines carry pprof labels. Made for pview's tests:
//   go run main.go   (go1.19, Debian 12's golang-go)
package main

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var mu sync.Mutex
var shared int

func spin(d time.Duration) {
	for t := time.Now(); time.Since(t) < d; {
		shared++
	}
}

func contend(wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < 200; i++ {
		mu.Lock()
		spin(50 * time.Microsecond)
		mu.Unlock()
	}
}

func waitOn(ch chan struct{}) { <-ch }

func worker(ctx context.Context, ch chan struct{}, started *sync.WaitGroup) {
	started.Done()
	waitOn(ch)
}

func main() {
	runtime.SetMutexProfileFraction(1)
	ch := make(chan struct{})
	var started sync.WaitGroup
	for i, role := range []string{"reader", "reader", "writer", "gc-helper", "reader"} {
		started.Add(1)
		labels := pprof.Labels("role", role, "shard", string(rune('a'+i%2)))
		go pprof.Do(context.Background(), labels, func(ctx context.Context) { worker(ctx, ch, &started) })
	}
	started.Wait()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go pprof.Do(context.Background(), pprof.Labels("role", "contender"), func(context.Context) { contend(&wg) })
	}
	wg.Wait()
	write("goroutine.pb.gz", "goroutine")
	write("mutex.pb.gz", "mutex")
	close(ch)
}

func write(file, name string) {
	f, err := os.Create(file)
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		panic(err)
	}
	f.Close()
}
