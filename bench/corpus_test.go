package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

const sample = `# newdoc id = doc-a
# meta::title = A Title
# newpar
# sent_id = a-1
# text = Hamas fired rockets.
1	Hamas	Hamas	PROPN	NNP	_	2	nsubj	_	_
2	fired	fire	VERB	VBD	_	0	root	_	_
3	rockets	rocket	NOUN	NNS	_	2	obj	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_

# text = Israel answered.
1	Israel	Israel	PROPN	NNP	_	2	nsubj	_	_
2	answered	answer	VERB	VBD	_	0	root	_	_
3	.	.	PUNCT	.	_	2	punct	_	_

# newpar
# text = Don't stop.
1-2	Don't	_	_	_	_	_	_	_	_
1	Do	do	AUX	VBP	_	3	aux	_	_
2	n't	not	PART	RB	_	3	advmod	_	_
3	stop	stop	VERB	VB	_	0	root	_	_
3.1	stop	stop	VERB	VB	_	_	_	_	_
4	.	.	PUNCT	.	_	3	punct	_	_

# newdoc id = doc-b
# text = Short one.
1	Short	short	ADJ	JJ	_	2	amod	_	_
2	one	one	NOUN	NN	_	0	root	_	_
3	.	.	PUNCT	.	_	2	punct	_	_

`

func TestReadArticles(t *testing.T) {
	arts, err := ReadArticles("x.conllu", strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	want := []Article{
		{ID: "doc-a", Title: "A Title", Text: "Hamas fired rockets. Israel answered.\n\nDon't stop.", Words: 11},
		{ID: "doc-b", Text: "Short one.", Words: 3},
	}
	if len(arts) != len(want) {
		t.Fatalf("got %d articles, want %d: %+v", len(arts), len(want), arts)
	}
	for i := range want {
		if arts[i] != want[i] {
			t.Errorf("article %d = %+v, want %+v", i, arts[i], want[i])
		}
	}
}

func TestReadArticlesErrors(t *testing.T) {
	tests := []struct{ name, in string }{
		{"word line without tabs", "# text = a\n1 a\n"},
	}
	for _, tc := range tests {
		if _, err := ReadArticles("bad.conllu", strings.NewReader(tc.in)); err == nil || !strings.Contains(err.Error(), "bad.conllu:2") {
			t.Errorf("%s: err = %v, want one naming bad.conllu:2", tc.name, err)
		}
	}
	// No newdoc: one article with a derived id.
	arts, err := ReadArticles("dir/y.conllu", strings.NewReader("# text = Hi.\n1\tHi\n"))
	if err != nil || len(arts) != 1 || arts[0].ID != "y-1" || arts[0].Words != 1 {
		t.Errorf("no newdoc: %+v, %v", arts, err)
	}
}

func TestWriteCorpus(t *testing.T) {
	arts, _ := ReadArticles("x.conllu", strings.NewReader(sample))
	tests := []struct {
		minWords, articles, words, rounds int
	}{
		{1, 1, 11, 1},
		{14, 2, 14, 1},
		{15, 3, 25, 2},
		{40, 6, 42, 3},
	}
	for _, tc := range tests {
		var buf bytes.Buffer
		st, err := WriteCorpus(&buf, arts, tc.minWords)
		if err != nil {
			t.Fatal(err)
		}
		if st.Articles != tc.articles || st.Words != tc.words || st.Rounds != tc.rounds {
			t.Errorf("minWords %d: %+v, want %d articles %d words %d rounds", tc.minWords, st, tc.articles, tc.words, tc.rounds)
		}
		out := buf.String()
		ids := map[string]bool{}
		sc := bufio.NewScanner(strings.NewReader(out))
		n := 0
		for sc.Scan() {
			var a Article
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				t.Fatalf("line %d: %v", n+1, err)
			}
			if ids[a.ID] {
				t.Errorf("duplicate id %s", a.ID)
			}
			ids[a.ID] = true
			if a.Text != arts[n%len(arts)].Text {
				t.Errorf("line %d text %q", n+1, a.Text)
			}
			n++
		}
		if n != tc.articles {
			t.Errorf("minWords %d: %d lines, want %d", tc.minWords, n, tc.articles)
		}
		// Deterministic.
		var again bytes.Buffer
		WriteCorpus(&again, arts, tc.minWords)
		if again.String() != out {
			t.Errorf("minWords %d: output differs between runs", tc.minWords)
		}
	}
	if _, err := WriteCorpus(&bytes.Buffer{}, nil, 10); err == nil {
		t.Error("empty corpus: no error")
	}
}

func TestTreebanksSize(t *testing.T) {
	if testing.Short() {
		t.Skip("reads all treebanks")
	}
	arts, err := LoadTreebanks()
	if err != nil {
		t.Fatal(err)
	}
	words := 0
	ids := map[string]bool{}
	for _, a := range arts {
		words += a.Words
		if ids[a.ID] {
			t.Errorf("id %s used twice", a.ID)
		}
		ids[a.ID] = true
	}
	if len(arts) < 1000 || words < 400_000 {
		t.Errorf("%d articles, %d words: want ≥1000 articles and ≥400k words", len(arts), words)
	}
}

func TestUniqueIDs(t *testing.T) {
	arts := []Article{{ID: "a"}, {ID: "b"}, {ID: "a"}, {ID: "a"}}
	uniqueIDs(arts)
	want := []string{"a", "b", "a-part2", "a-part3"}
	for i, w := range want {
		if arts[i].ID != w {
			t.Errorf("id %d = %s, want %s", i, arts[i].ID, w)
		}
	}
}
