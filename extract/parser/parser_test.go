package parser

import (
	"bytes"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/tagger"
	"github.com/kg-project/kg/extract/wordclass"
)

// checkTree fails unless s holds one well-formed single-rooted tree.
func checkTree(t *testing.T, name string, s *doc.Sentence) {
	t.Helper()
	n := len(s.Tokens)
	roots := 0
	for i, tok := range s.Tokens {
		if tok.Head < 0 || tok.Head > n || tok.Head == i+1 {
			t.Fatalf("%s: token %d has head %d (n=%d)", name, i+1, tok.Head, n)
		}
		if tok.DepRel == "" || strings.Contains(tok.DepRel, liftSep) {
			t.Fatalf("%s: token %d has label %q", name, i+1, tok.DepRel)
		}
		if tok.Head == 0 {
			roots++
			if tok.DepRel != "root" {
				t.Fatalf("%s: root token %d labelled %q", name, i+1, tok.DepRel)
			}
		} else if tok.DepRel == "root" {
			t.Fatalf("%s: non-root token %d labelled root", name, i+1)
		}
	}
	if n > 0 && roots != 1 {
		t.Fatalf("%s: %d roots", name, roots)
	}
	for i := range s.Tokens {
		k, steps := i+1, 0
		for k != 0 {
			k = s.Tokens[k-1].Head
			if steps++; steps > n {
				t.Fatalf("%s: cycle through token %d", name, i+1)
			}
		}
	}
}

func sentence(words ...string) *doc.Sentence {
	s := &doc.Sentence{}
	for _, w := range words {
		s.Tokens = append(s.Tokens, doc.Token{Text: w, Head: -1})
	}
	return s
}

func tagged(pairs string) *doc.Sentence {
	s := &doc.Sentence{}
	for _, f := range strings.Fields(pairs) {
		w, tags, _ := strings.Cut(f, "/")
		x, u, _ := strings.Cut(tags, ",")
		s.Tokens = append(s.Tokens, doc.Token{Text: w, XPOS: x, UPOS: u, Head: -1})
	}
	return s
}

var smallModel *Parser

func small(t *testing.T) *Parser {
	t.Helper()
	if smallModel == nil {
		sents := readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 400)
		smallModel = Train(sents, TrainOptions{Epochs: 2, Seed: 1})
	}
	return smallModel
}

func oddInputs() map[string]*doc.Sentence {
	punct := make([]string, 300)
	for i := range punct {
		punct[i] = [...]string{".", ",", "!", "?", "(", ")", "\"", "-", ";"}[i%9]
	}
	rng := rand.New(rand.NewSource(3))
	var junk []string
	for i := 0; i < 120; i++ {
		b := make([]byte, 1+rng.Intn(12))
		for j := range b {
			b[j] = byte(rng.Intn(256))
		}
		junk = append(junk, string(b))
	}
	withTags := tagged("the/DT,DET the/DT,DET the/DT,DET")
	return map[string]*doc.Sentence{
		"empty":       sentence(),
		"one":         sentence("Hello"),
		"one-punct":   sentence("."),
		"two":         sentence("Go", "!"),
		"300-punct":   sentence(punct...),
		"junk":        sentence(junk...),
		"empty-words": sentence("", "", ""),
		"dets":        withTags,
		"prefilled": func() *doc.Sentence {
			s := tagged("I/PRP,PRON saw/VBD,VERB her/PRP,PRON ./.,PUNCT")
			for i := range s.Tokens {
				s.Tokens[i].Head, s.Tokens[i].DepRel = 7, "bogus"
			}
			return s
		}(),
	}
}

func TestWellFormedOddInputs(t *testing.T) {
	rich := Train(readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 100), TrainOptions{Epochs: 2, Seed: 1, RichJoint: true})
	coarse := Train(readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 100), TrainOptions{Epochs: 2, Seed: 1, RichJoint: true, Coarse: true})
	labelCtx := Train(readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 100), TrainOptions{Epochs: 2, Seed: 1, Coarse: true, LabelCtx: true})
	beam := Train(readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 100), TrainOptions{Epochs: 2, Seed: 1})
	beam.SetBeam(3)
	parsers := map[string]*Parser{"small": small(t), "rich": rich, "coarse": coarse, "labelctx": labelCtx, "beam3": beam, "nil": nil, "zero": {}}
	if p, err := Default(); err == nil {
		parsers["shipped"] = p
	} else {
		t.Logf("no shipped model: %v", err)
	}
	for pname, p := range parsers {
		for name, s := range oddInputs() {
			c := *s
			c.Tokens = append([]doc.Token(nil), s.Tokens...)
			p.Parse(&c)
			checkTree(t, pname+"/"+name, &c)
		}
	}
}

func TestTreebankOutputWellFormed(t *testing.T) {
	p := small(t)
	sents := readCorpus(t, "ud-english-ewt/en_ewt-ud-test.conllu", 300)
	for _, g := range sents {
		c := *g
		c.Tokens = append([]doc.Token(nil), g.Tokens...)
		p.Parse(&c)
		checkTree(t, g.ID, &c)
	}
}

func TestProjectivizeRoundTrip(t *testing.T) {
	sents := readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 0)
	var liftedSents, restored, plain int
	for _, s := range sents {
		heads, labels, ok := treeOf(s)
		if !ok {
			continue
		}
		h := append([]int(nil), heads...)
		l := append([]string(nil), labels...)
		lifted, encoded := Projectivize(h, l, nil)
		if lifted != encoded {
			t.Fatalf("%s: encode=nil must encode all lifts (%d/%d)", s.ID, encoded, lifted)
		}
		for d := range h {
			if h[d] >= 0 && !isProjectiveArc(h, d) {
				t.Fatalf("%s: arc into %d still non-projective", s.ID, d+1)
			}
		}
		Deprojectivize(h, l)
		same := true
		for d := range h {
			if h[d] != heads[d] || l[d] != labels[d] {
				same = false
			}
		}
		if lifted == 0 {
			plain++
			if !same {
				t.Fatalf("%s: projective tree changed by the round trip", s.ID)
			}
			continue
		}
		liftedSents++
		if same {
			restored++
		}
	}
	t.Logf("%d projective sentences, %d lifted, %d restored exactly", plain, liftedSents, restored)
	if liftedSents < 10 {
		t.Fatalf("only %d non-projective sentences in EWT dev; expected dozens", liftedSents)
	}
	if float64(restored) < 0.85*float64(liftedSents) {
		t.Fatalf("only %d of %d lifted sentences restored", restored, liftedSents)
	}
}

func TestProjectivizeExamples(t *testing.T) {
	tests := []struct {
		name       string
		heads      []int // 0-based, -1 root
		labels     []string
		wantHeads  []int
		wantLabels []string
	}{
		{"projective", []int{1, -1, 1}, []string{"nsubj", "root", "obj"},
			[]int{1, -1, 1}, []string{"nsubj", "root", "obj"}},
		// The arc 2 -> 4 (1-based) crosses 3's arc from the root token 1;
		// it is lifted to 3, the head of 2, and records amod.
		{"crossing", []int{-1, 2, 0, 1}, []string{"root", "amod", "obj", "nmod"},
			[]int{-1, 2, 0, 2}, []string{"root", "amod", "obj", "nmod|amod"}},
	}
	for _, tc := range tests {
		h := append([]int(nil), tc.heads...)
		l := append([]string(nil), tc.labels...)
		Projectivize(h, l, nil)
		for i := range h {
			if h[i] != tc.wantHeads[i] || l[i] != tc.wantLabels[i] {
				t.Fatalf("%s: got %v %v, want %v %v", tc.name, h, l, tc.wantHeads, tc.wantLabels)
			}
		}
		Deprojectivize(h, l)
		for i := range h {
			if h[i] != tc.heads[i] || l[i] != tc.labels[i] {
				t.Fatalf("%s: round trip got %v %v, want %v %v", tc.name, h, l, tc.heads, tc.labels)
			}
		}
	}
}

// TestDynamicOracle checks the defining property of an exact dynamic
// oracle: along any sequence of legal actions the costs add up to the
// number of gold arcs (head and label) missing from the final tree, and
// always taking a zero-cost action rebuilds the gold tree.
func TestDynamicOracle(t *testing.T) {
	sents := readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 300)
	labels := []string{"root", "nsubj", "obj", "punct", "det", "case", "obl", "amod"}
	p := &Parser{labels: labels, rootLabel: 0}
	lid := map[string]int{}
	for i, l := range labels {
		lid[l] = i
	}
	rng := rand.New(rand.NewSource(7))
	for _, s := range sents {
		heads, labs, ok := treeOf(s)
		if !ok {
			continue
		}
		Projectivize(heads, labs, nil)
		g := &goldSent{s: s, head: make([]int32, len(heads)+1), label: make([]int16, len(heads)+1)}
		for k := range heads {
			g.head[k+1] = int32(heads[k] + 1)
			l, ok := lid[labs[k]]
			if !ok {
				l = 1 + rng.Intn(len(labels)-1) // relabel to the small set
			}
			g.label[k+1] = int16(l)
		}
		for _, random := range []bool{false, true} {
			var st state
			st.reset(s)
			total := 0
			for !st.terminal() {
				cS, cL, cR := costs(&st, g)
				var legal, zero []int
				for a := 0; a < p.nActions(); a++ {
					if st.legal(a, 0) {
						legal = append(legal, a)
						if actionCost(&st, g, a, cS, cL, cR) == 0 {
							zero = append(zero, a)
						}
					}
				}
				if len(legal) == 0 {
					t.Fatalf("%s: no legal action", s.ID)
				}
				var a int
				if random {
					a = legal[rng.Intn(len(legal))]
				} else {
					if len(zero) == 0 {
						t.Fatalf("%s: no zero-cost action on the gold path", s.ID)
					}
					a = zero[rng.Intn(len(zero))]
				}
				total += actionCost(&st, g, a, cS, cL, cR)
				st.apply(a)
			}
			wrong := 0
			for k := 1; k <= len(heads); k++ {
				if st.head[k] != g.head[k] || st.label[k] != g.label[k] {
					wrong++
				}
			}
			if wrong != total {
				t.Fatalf("%s (random=%v): costs sum to %d but %d arcs are wrong", s.ID, random, total, wrong)
			}
		}
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	for _, p := range []*Parser{small(t), Train(readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 100), TrainOptions{Epochs: 1, RichJoint: true}),
		Train(readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 100), TrainOptions{Epochs: 1, Coarse: true}),
		Train(readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 100), TrainOptions{Epochs: 1, Coarse: true, LabelCtx: true}),
		withClusters(t)} {
		saveLoad(t, p)
	}
}

// withClusters trains a small parser with word-cluster features.
func withClusters(t *testing.T) *Parser {
	sents := readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 100)
	cl := wordclass.Train(sents, wordclass.Options{Sizes: []int{4, 16}, Iters: 3})
	if len(cl.IDs) == 0 {
		t.Fatal("no words clustered")
	}
	p := Train(sents, TrainOptions{Epochs: 1, Coarse: true, Clusters: cl})
	if p.cl != cl {
		t.Fatal("trained parser lost its clusters")
	}
	return p
}

func saveLoad(t *testing.T, p *Parser) {
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		t.Fatal(err)
	}
	q, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if q.richJoint != p.richJoint || q.coarse != p.coarse || (q.cl == nil) != (p.cl == nil) || q.labelCtx != p.labelCtx {
		t.Fatalf("feature set flags lost: rich %v/%v coarse %v/%v clusters %v/%v label context %v/%v", p.richJoint, q.richJoint, p.coarse, q.coarse, p.cl != nil, q.cl != nil, p.labelCtx, q.labelCtx)
	}
	if p.cl != nil && !reflect.DeepEqual(p.cl, q.cl) {
		t.Fatal("clusters differ after save and load")
	}
	var buf2 bytes.Buffer
	if err := q.Save(&buf2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Fatalf("save(load(save(p))) differs from save(p): %d vs %d bytes", buf2.Len(), buf.Len())
	}
	sents := readCorpus(t, "ud-english-ewt/en_ewt-ud-test.conllu", 200)
	for _, g := range sents {
		a, b := *g, *g
		a.Tokens = append([]doc.Token(nil), g.Tokens...)
		b.Tokens = append([]doc.Token(nil), g.Tokens...)
		p.Parse(&a)
		q.Parse(&b)
		for i := range a.Tokens {
			if a.Tokens[i].Head != b.Tokens[i].Head || a.Tokens[i].DepRel != b.Tokens[i].DepRel {
				t.Fatalf("%s token %d: %d/%s before save, %d/%s after", g.ID, i+1,
					a.Tokens[i].Head, a.Tokens[i].DepRel, b.Tokens[i].Head, b.Tokens[i].DepRel)
			}
		}
	}
	for _, bad := range [][]byte{nil, []byte("nonsense"), buf.Bytes()[:buf.Len()/2]} {
		if _, err := Load(bytes.NewReader(bad)); err == nil {
			t.Fatalf("Load accepted %d bytes of damaged input", len(bad))
		}
	}
}

func TestTrainDeterministic(t *testing.T) {
	sents := readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 150)
	var a, b bytes.Buffer
	if err := Train(sents, TrainOptions{Epochs: 2, Seed: 5}).Save(&a); err != nil {
		t.Fatal(err)
	}
	if err := Train(sents, TrainOptions{Epochs: 2, Seed: 5}).Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two trainings with the same seed differ")
	}
}

func TestShippedModelSimpleSentence(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	s := tagged("Hamas/NNP,PROPN fired/VBD,VERB rockets/NNS,NOUN at/IN,ADP Israeli/JJ,ADJ cities/NNS,NOUN ./.,PUNCT")
	p.Parse(s)
	checkTree(t, "hamas", s)
	want := []struct {
		head int
		rel  string
	}{{2, "nsubj"}, {0, "root"}, {2, "obj"}, {6, "case"}, {6, "amod"}, {2, "obl"}, {2, "punct"}}
	for i, w := range want {
		if got := s.Tokens[i]; got.Head != w.head || got.DepRel != w.rel {
			t.Errorf("%s: got %d/%s, want %d/%s", got.Text, got.Head, got.DepRel, w.head, w.rel)
		}
	}
}

// TestShippedModelWithTagger runs the real pipeline order: the shipped
// tagger's tags, then the shipped parser.
func TestShippedModelWithTagger(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	tg, err := tagger.Default()
	if err != nil {
		t.Skipf("no tagger: %v", err)
	}
	tests := []struct {
		words string
		want  map[string]string // word -> "head-word rel"
	}{
		{"Hamas fired rockets at Israeli cities .", map[string]string{
			"Hamas": "fired nsubj", "fired": "ROOT root", "rockets": "fired obj",
			"at": "cities case", "cities": "fired obl"}},
		{"The company said it would buy the factory .", map[string]string{
			"company": "said nsubj", "said": "ROOT root", "buy": "said ccomp",
			"it": "buy nsubj", "factory": "buy obj", "would": "buy aux"}},
	}
	for _, tc := range tests {
		s := sentence(strings.Fields(tc.words)...)
		tg.Tag(s)
		p.Parse(s)
		checkTree(t, tc.words, s)
		for _, tok := range s.Tokens {
			want, ok := tc.want[tok.Text]
			if !ok {
				continue
			}
			head := "ROOT"
			if tok.Head > 0 {
				head = s.Tokens[tok.Head-1].Text
			}
			if got := head + " " + tok.DepRel; got != want {
				t.Errorf("%q: %s: got %s, want %s", tc.words, tok.Text, got, want)
			}
		}
	}
}

// TestShippedModelAccuracy checks the embedded model on the first 300 EWT
// test sentences (gold tags) against a conservative floor; the full
// figures come from BenchmarkAccuracy and cmd/kgtrain.
func TestShippedModelAccuracy(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	sc := Evaluate(readCorpus(t, "ud-english-ewt/en_ewt-ud-test.conllu", 300), p.Parse)
	t.Logf("%s", sc)
	if sc.UAS() < 82 || sc.LAS() < 78 {
		t.Fatalf("shipped model too weak: %s", sc)
	}
}

func TestScore(t *testing.T) {
	gold := tagged("a/DT,DET b/NN,NOUN c/VBZ,VERB")
	for i, h := range []int{2, 3, 0} {
		gold.Tokens[i].Head = h
	}
	gold.Tokens[0].DepRel, gold.Tokens[1].DepRel, gold.Tokens[2].DepRel = "det", "nsubj:pass", "root"
	tests := []struct {
		heads            []int
		rels             []string
		uas, las, univAS float64
	}{
		{[]int{2, 3, 0}, []string{"det", "nsubj:pass", "root"}, 100, 100, 100},
		{[]int{2, 3, 0}, []string{"det", "nsubj", "root"}, 100, 200.0 / 3, 100},
		{[]int{3, 3, 0}, []string{"det", "obj", "root"}, 200.0 / 3, 100.0 / 3, 100.0 / 3},
	}
	for _, tc := range tests {
		pred := tagged("a/DT,DET b/NN,NOUN c/VBZ,VERB")
		for i := range pred.Tokens {
			pred.Tokens[i].Head, pred.Tokens[i].DepRel = tc.heads[i], tc.rels[i]
		}
		var sc Score
		sc.Add(gold, pred)
		if d := sc.UAS() - tc.uas; d*d > 1e-9 {
			t.Errorf("UAS %v want %v", sc.UAS(), tc.uas)
		}
		if d := sc.LAS() - tc.las; d*d > 1e-9 {
			t.Errorf("LAS %v want %v", sc.LAS(), tc.las)
		}
		if d := sc.ULAS() - tc.univAS; d*d > 1e-9 {
			t.Errorf("universal LAS %v want %v", sc.ULAS(), tc.univAS)
		}
	}
}
