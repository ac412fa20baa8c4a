package extract

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kg-project/kg/extract/article"
)

// unpunctuated returns n words with no punctuation at all: one
// "sentence" as long as the text.
func unpunctuated(n int) string {
	vocab := strings.Fields("the president said officials in Washington met leaders of Hamas and Israel on Monday while rockets fell near Gaza city as talks went on Joe Biden Benjamin Netanyahu")
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(vocab[(i*7+i/len(vocab))%len(vocab)])
		b.WriteByte(' ')
	}
	return b.String()
}

func extractWords(tb testing.TB, n int) time.Duration {
	a, err := article.Parse("nopunct.txt", "", []byte(unpunctuated(n)))
	if err != nil {
		tb.Fatal(err)
	}
	start := cpuTime()
	Extract(a, Options{})
	return cpuTime() - start
}

// cpuTime is the CPU time of the process so far: unlike wall time it
// does not count waiting for a core on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestUnpunctuatedLinear extracts 25,000 and 100,000 words without
// punctuation: four times the words must take well under sixteen times
// as long (quadratic), allowing for noise on a shared machine.
func TestUnpunctuatedLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short mode: extracts 125,000 words")
	}
	if err := Ready(); err != nil {
		t.Fatal(err)
	}
	extractWords(t, 2000) // warm up
	small := extractWords(t, 25000)
	large := extractWords(t, 100000)
	ratio := float64(large) / float64(small)
	t.Logf("CPU time: 25k words %v, 100k words %v, ratio %.1f", small, large, ratio)
	if ratio > 9 {
		t.Errorf("100k words took %.1f× as long as 25k (%v vs %v): worse than linear", ratio, large, small)
	}
}

func BenchmarkUnpunctuated(b *testing.B) {
	if err := Ready(); err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{25000, 100000} {
		text := unpunctuated(n)
		b.Run(fmt.Sprintf("%dwords", n), func(b *testing.B) {
			a, err := article.Parse("nopunct.txt", "", []byte(text))
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				Extract(a, Options{})
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}
