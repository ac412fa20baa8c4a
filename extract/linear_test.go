package extract

import (
	"strings"
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
	start := time.Now()
	Extract(a, Options{})
	return time.Since(start)
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
	t.Logf("25k words %v, 100k words %v, ratio %.1f", small, large, ratio)
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
		b.Run(strings.TrimSuffix(strings.TrimSuffix(time.Duration(n).String(), "µs"), "ns")+"words", func(b *testing.B) {
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
