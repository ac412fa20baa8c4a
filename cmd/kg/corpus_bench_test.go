package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/kg-project/kg/bench"
	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/graph/store"
)

// benchCorpus writes the first words words of the benchmark corpus
// (bench.WriteCorpus) as a JSON Lines file and returns its path and word
// count.
func benchCorpus(b *testing.B, words int) (string, int) {
	b.Helper()
	arts, err := bench.LoadTreebanks()
	if err != nil {
		b.Skip("no treebanks: ", err)
	}
	p := filepath.Join(b.TempDir(), "corpus.jsonl")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	st, err := bench.WriteCorpus(f, arts, words)
	if err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return p, st.Words
}

// BenchmarkExtractCorpus measures extraction (text → facts, extractAll as
// kg extract and kg build run it) on a 20,000-word slice of the benchmark
// corpus, on 1 worker and on all cores, in words/s.
func BenchmarkExtractCorpus(b *testing.B) {
	if err := extract.Ready(); err != nil {
		b.Skip(err)
	}
	p, words := benchCorpus(b, 20000)
	for _, w := range []int{1, runtime.NumCPU()} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				err := extractAll(context.Background(), []string{p}, extractOptions{workers: w}, func(r *extractResult) error { return r.err })
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}

// BenchmarkBuildCorpus measures kg build (extraction and writes) of a
// 20,000-word slice into a new bolt store, then the re-build of the same
// slice, which writes nothing, in words/s.
func BenchmarkBuildCorpus(b *testing.B) {
	if err := extract.Ready(); err != nil {
		b.Skip(err)
	}
	p, words := benchCorpus(b, 20000)
	for _, again := range []bool{false, true} {
		b.Run(fmt.Sprintf("rebuild=%v", again), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				dir := filepath.Join(b.TempDir(), fmt.Sprintf("db%d", i))
				st, err := store.Open(store.Options{Backend: "bolt", Path: dir})
				if err != nil {
					b.Fatal(err)
				}
				o := buildOptions{workers: runtime.NumCPU(), log: ioDiscard{}, quiet: true}
				if again {
					if err := runBuild(context.Background(), st, []string{p}, o); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				if err := runBuild(context.Background(), st, []string{p}, o); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				st.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}

type ioDiscard struct{}

func (ioDiscard) Write(p []byte) (int, error) { return len(p), nil }
