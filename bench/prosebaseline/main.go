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
// prose loads its tagging model for every document (about a second), so
// the sentences are tagged in one document, one sentence a line. Its
// tagger looks at the two previous words and tags, which at a sentence
// start are then the end of the previous sentence instead of sentence-start
// markers: a small effect, stated with the figure.
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
	var n, x, u, unaligned, split int
	var text strings.Builder
	starts := make([]int, len(sents)) // offset of each sentence in text
	for i, s := range sents {
		starts[i] = text.Len()
		text.WriteString(strings.Join(s.Words(), " "))
		text.WriteString("\n")
	}
	all := text.String()
	d, err := prose.NewDocument(all, prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return err
	}
	// Character span of every prose token in the text.
	type span struct {
		start, end int
		tag        string
	}
	var spans []span
	pos := 0
	for _, t := range d.Tokens() {
		j := strings.Index(all[pos:], t.Text)
		if j < 0 {
			continue // normalised token text: skip it
		}
		spans = append(spans, span{pos + j, pos + j + len(t.Text), t.Tag})
		pos += j + len(t.Text)
	}
	k := 0
	for si, s := range sents {
		start := starts[si]
		for i, w := range s.Words() {
			for k < len(spans) && spans[k].end <= start {
				k++
			}
			tag := ""
			if k < len(spans) && spans[k].start <= start {
				tag = spans[k].tag
			}
			n++
			if tag == "" {
				unaligned++
			} else if spans[k].start != start || spans[k].end != start+len(w) {
				split++ // prose cut this gold token differently
			}
			if tag == s.Tokens[i].XPOS {
				x++
			}
			if ptbToUPOS[tag] == s.Tokens[i].UPOS {
				u++
			}
			start += len(w) + 1
		}
	}
	fmt.Printf("prose v2 on EWT test (%d tokens): XPOS %.2f UPOS %.2f (tokens without a prose token: %d; cut differently by prose: %d)\n", n, 100*float64(x)/float64(n), 100*float64(u)/float64(n), unaligned, split)
	return nil
}
