// Command mkcorpus writes kg's benchmark corpus: news-like JSON Lines
// articles ({"id","title","text"}) made from the treebanks in corpora/,
// repeated under distinct ids up to --words words. The output is
// deterministic. It does not extract or store anything.
//
//	go run ./bench/mkcorpus --words 5000000 -o /tmp/corpus.jsonl
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kg-project/kg/bench"
)

func main() {
	words := flag.Int("words", 5_000_000, "write at least this many words")
	out := flag.String("o", "-", "output file (- for standard output)")
	flag.Parse()
	if err := run(*words, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mkcorpus:", err)
		os.Exit(1)
	}
}

func run(words int, out string) error {
	arts, err := bench.LoadTreebanks()
	if err != nil {
		return err
	}
	var w io.Writer = os.Stdout
	var f *os.File
	if out != "-" {
		if f, err = os.Create(out); err != nil {
			return err
		}
		w = f
	}
	st, err := bench.WriteCorpus(w, arts, words)
	if err == nil && f != nil {
		err = f.Close()
	}
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	fmt.Fprintf(os.Stderr, "mkcorpus: %d articles, %d words (%d rounds of %d treebank articles) to %s\n", st.Articles, st.Words, st.Rounds, len(arts), out)
	return nil
}
