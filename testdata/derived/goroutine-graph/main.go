package main

import (
	"context"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

func leaf(ch chan int)          { <-ch }
func middle(ch chan int)        { leaf(ch) }
func sleeper(wg *sync.WaitGroup) { wg.Done(); time.Sleep(time.Hour) }

func main() {
	ch := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 7; i++ {
		go middle(ch)
	}
	for i := 0; i < 3; i++ {
		wg.Add(1)
		pprof.Do(context.Background(), pprof.Labels("worker", "sleeper"), func(context.Context) { go sleeper(&wg) })
	}
	wg.Wait()
	time.Sleep(100 * time.Millisecond)
	f, _ := os.Create("goroutine.pb.gz")
	pprof.Lookup("goroutine").WriteTo(f, 0)
	f.Close()
}
