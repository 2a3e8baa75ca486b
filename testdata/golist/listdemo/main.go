// listdemo: a small program with a known workload, profiled by runtime/pprof, whose
// profiles test pview's -list and -disasm against go tool pprof (see ../README.md).
package main

import (
	"flag"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
)

var sink []byte

func main() {
	cpu := flag.String("cpu", "", "write a CPU profile here")
	heap := flag.String("heap", "", "write a heap profile here")
	flag.Parse()
	runtime.MemProfileRate = 512
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	total := 0
	for round := 0; round < 400; round++ {
		total += work(round)
	}
	if *heap != "" {
		f, err := os.Create(*heap)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		if err := pprof.WriteHeapProfile(f); err != nil {
			log.Fatal(err)
		}
	}
	if total == 42 {
		println("unlikely")
	}
}

// work mixes the three kinds of cost the listing tests look at: a hot loop in
// this file, inlined helpers, a function written in assembly, and allocations.
func work(round int) int {
	buf := fill(1<<20, byte(round))
	h := checksum(buf)
	h += sumAsm(buf)
	h += int(collatz(uint64(round) + 27))
	keep(buf[:(round%64)*4096])
	return h
}
