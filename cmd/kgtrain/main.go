// Command kgtrain regenerates kg's shipped models from the treebanks in
// corpora/. Each model has a trainer registered by a file of its own in
// this package; with no argument every trainer runs, in a fixed order and
// with a fixed seed, so the output is reproducible.
//
//	go run ./cmd/kgtrain            # all models
//	go run ./cmd/kgtrain tagger     # one model
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"time"
)

type trainer struct {
	order int // lower runs first: later models may use earlier ones
	run   func(seed int64) error
}

var trainers = map[string]trainer{}

func register(name string, order int, run func(seed int64) error) {
	trainers[name] = trainer{order, run}
}

func main() {
	seed := flag.Int64("seed", 1, "random seed for shuffling training data")
	flag.Parse()
	names := flag.Args()
	if len(names) == 0 {
		for n := range trainers {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool {
			a, b := trainers[names[i]], trainers[names[j]]
			if a.order != b.order {
				return a.order < b.order
			}
			return names[i] < names[j]
		})
	}
	for _, n := range names {
		t, ok := trainers[n]
		if !ok {
			fmt.Fprintf(os.Stderr, "kgtrain: unknown model %q\n", n)
			os.Exit(2)
		}
		start := time.Now()
		fmt.Fprintf(os.Stderr, "kgtrain: training %s\n", n)
		if err := t.run(*seed); err != nil {
			fmt.Fprintf(os.Stderr, "kgtrain: %s: %v\n", n, err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "kgtrain: %s done in %s\n", n, time.Since(start).Round(time.Second))
	}
}
