// Command prosebaseline measures the part-of-speech tagger of
// github.com/jdkato/prose/v2 on the EWT test set, as the Go baseline for
// extract/tagger. It lives in its own module so that prose never becomes a
// dependency of kg; it must not be imported by kg.
//
// prose tokenizes on its own and takes no pre-split tokens, so each gold
// sentence is given to it as its tokens joined by single spaces, and every
// gold token takes the tag of the prose token that covers its first
// character. XPOS is compared directly; UPOS through the usual PTB→UPOS
// conversion (ambiguous tags take their most common UPOS).
//
//	cd bench/prosebaseline && go run .
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/jdkato/prose/v2"
	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/extract/conllu"
)

var ptbToUPOS = map[string]string{
	"CC": "CCONJ", "CD": "NUM", "DT": "DET", "EX": "PRON", "FW": "X", "IN": "ADP",
	"JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "LS": "X", "MD": "AUX", "NN": "NOUN",
	"NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "PDT": "DET", "POS": "PART",
	"PRP": "PRON", "PRP$": "PRON", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "RP": "ADP",
	"SYM": "SYM", "TO": "PART", "UH": "INTJ", "VB": "VERB", "VBD": "VERB", "VBG": "VERB",
	"VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "WDT": "PRON", "WP": "PRON", "WP$": "PRON",
	"WRB": "ADV", "#": "SYM", "$": "SYM", ".": "PUNCT", ",": "PUNCT", ":": "PUNCT",
	"(": "PUNCT", ")": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "``": "PUNCT",
	"''": "PUNCT", "\"": "PUNCT", "HYPH": "PUNCT", "NFP": "PUNCT", "ADD": "X", "AFX": "X", "GW": "X",
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "prosebaseline:", err)
		os.Exit(1)
	}
}

func run() error {
	const name = "../../corpora/ud-english-ewt/en_ewt-ud-test.conllu.gz" // corpora.Dir would stop at this module's go.mod
	rc, err := corpora.Open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	sents, err := conllu.ReadAll(rc, name)
	if err != nil {
		return err
	}
	var n, x, u int
	for _, s := range sents {
		words := s.Words()
		text := strings.Join(words, " ")
		d, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.WithExtraction(false))
		if err != nil {
			return fmt.Errorf("%s: %w", s.ID, err)
		}
		// Character span of every prose token in text.
		type span struct {
			start, end int
			tag        string
		}
		var spans []span
		pos := 0
		for _, t := range d.Tokens() {
			j := strings.Index(text[pos:], t.Text)
			if j < 0 {
				continue // normalised token text: skip it
			}
			spans = append(spans, span{pos + j, pos + j + len(t.Text), t.Tag})
			pos += j + len(t.Text)
		}
		start, k := 0, 0
		for i, w := range words {
			for k < len(spans) && spans[k].end <= start {
				k++
			}
			tag := ""
			if k < len(spans) && spans[k].start <= start {
				tag = spans[k].tag
			}
			n++
			if tag == s.Tokens[i].XPOS {
				x++
			}
			if ptbToUPOS[tag] == s.Tokens[i].UPOS {
				u++
			}
			start += len(w) + 1
		}
	}
	fmt.Printf("prose v2 on EWT test (%d tokens): XPOS %.2f UPOS %.2f\n", n, 100*float64(x)/float64(n), 100*float64(u)/float64(n))
	return nil
}
