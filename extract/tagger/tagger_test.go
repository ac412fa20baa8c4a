package tagger

import (
	"bytes"
	"math/rand"
	"strings"
	"sync"
	"testing"

	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/doc"
)

var (
	tbMu    sync.Mutex
	tbCache = map[string][]*doc.Sentence{}
)

// treebank reads a CoNLL-U file from corpora once per test binary.
func treebank(tb testing.TB, name string) []*doc.Sentence {
	tb.Helper()
	tbMu.Lock()
	defer tbMu.Unlock()
	if ss, ok := tbCache[name]; ok {
		return ss
	}
	rc, err := corpora.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer rc.Close()
	cs, err := conllu.ReadAll(rc, name)
	if err != nil {
		tb.Fatal(err)
	}
	ss := make([]*doc.Sentence, len(cs))
	for i := range cs {
		ss[i] = &cs[i].Sentence
	}
	tbCache[name] = ss
	return ss
}

const (
	ewtTrain = "ud-english-ewt/en_ewt-ud-train.conllu"
	ewtDev   = "ud-english-ewt/en_ewt-ud-dev.conllu"
	ewtTest  = "ud-english-ewt/en_ewt-ud-test.conllu"
)

func sentence(words ...string) *doc.Sentence {
	s := &doc.Sentence{}
	for _, w := range words {
		s.Tokens = append(s.Tokens, doc.Token{Text: w})
	}
	return s
}

func defaultTagger(t testing.TB) *Tagger {
	t.Helper()
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestTagKnownSentences(t *testing.T) {
	defaultTagger(t)
	tests := []struct {
		text string
		upos string
		xpos string
	}{
		{"Biden spoke to Netanyahu on Wednesday .", "PROPN VERB ADP PROPN ADP PROPN PUNCT", "NNP VBD IN NNP IN NNP ."},
		{"The children were playing in the park .", "DET NOUN AUX VERB ADP DET NOUN PUNCT", "DT NNS VBD VBG IN DT NN ."},
		{"She has two cats and a dog .", "PRON VERB NUM NOUN CCONJ DET NOUN PUNCT", "PRP VBZ CD NNS CC DT NN ."},
	}
	for _, tc := range tests {
		s := sentence(strings.Fields(tc.text)...)
		Tag(s)
		var up, xp []string
		for _, tk := range s.Tokens {
			up = append(up, tk.UPOS)
			xp = append(xp, tk.XPOS)
		}
		if got := strings.Join(up, " "); got != tc.upos {
			t.Errorf("%q: UPOS %q, want %q", tc.text, got, tc.upos)
		}
		if got := strings.Join(xp, " "); got != tc.xpos {
			t.Errorf("%q: XPOS %q, want %q", tc.text, got, tc.xpos)
		}
	}
}

func TestLemmas(t *testing.T) {
	tg := defaultTagger(t)
	tests := []struct{ form, xpos, want string }{
		{"spoke", "VBD", "speak"},
		{"rockets", "NNS", "rocket"},
		{"was", "VBD", "be"},
		{"Was", "VBD", "be"},
		{"children", "NNS", "child"},
		{"better", "JJR", "good"},
		{"The", "DT", "the"},
		{"Netanyahu", "NNP", "Netanyahu"},
		{"n't", "RB", "not"},
		// Unseen words go through the learned suffix rules.
		{"blorfed", "VBD", "blorf"},
		{"zorkings", "NNS", "zorking"},
		{"Flibbers", "NNPS", "Flibber"},
	}
	for _, tc := range tests {
		if got := tg.Lemma(tc.form, tc.xpos); got != tc.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", tc.form, tc.xpos, got, tc.want)
		}
	}
	// End to end: tagging fills lemmas too.
	s := sentence("Biden", "spoke", "to", "the", "children", ".")
	tg.Tag(s)
	want := []string{"Biden", "speak", "to", "the", "child", "."}
	for i, tk := range s.Tokens {
		if tk.Lemma != want[i] {
			t.Errorf("token %d %q: lemma %q, want %q", i, tk.Text, tk.Lemma, want[i])
		}
	}
}

// TestLemmaRulesLearned checks that suffix rules generalise from a tiny
// training set to unseen words.
func TestLemmaRulesLearned(t *testing.T) {
	mk := func(pairs ...string) *doc.Sentence {
		s := &doc.Sentence{}
		for _, p := range pairs {
			f := strings.Split(p, "/")
			s.Tokens = append(s.Tokens, doc.Token{Text: f[0], XPOS: f[1], Lemma: f[2]})
		}
		return s
	}
	train := []*doc.Sentence{
		mk("walks/VBZ/walk", "talks/VBZ/talk", "tries/VBZ/try", "cries/VBZ/cry"),
		mk("stopped/VBD/stop", "walked/VBD/walk", "went/VBD/go", "Paris/NNP/Paris"),
	}
	l := trainLemmatizer(train, 1)
	tests := []struct{ form, xpos, want string }{
		{"jumps", "VBZ", "jump"},
		{"flies", "VBZ", "fly"},
		{"Jumps", "VBZ", "jump"},
		{"kicked", "VBD", "kick"}, {"dropped", "VBD", "drop"},
		{"went", "VBD", "go"},
		{"Went", "VBD", "go"},
		{"London", "NNP", "London"},
		{"", "NN", ""},
	}
	for _, tc := range tests {
		if got := l.Lemma(tc.form, tc.xpos); got != tc.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", tc.form, tc.xpos, got, tc.want)
		}
	}
}

func TestNoPanicOnOddInput(t *testing.T) {
	tg := defaultTagger(t)
	long := strings.Repeat("a", 10000)
	inputs := [][]string{
		{},
		{""},
		{"", "", ""},
		{"\xff\xfe", "\x00", "é", "ÉCOLE", "日本語", "🙂", long},
		{"-", "--", "...", "?!", "1,000.5", "U.S.", "e-mail", "'s"},
	}
	for _, in := range inputs {
		s := sentence(in...)
		tg.Tag(s)
		for i, tk := range s.Tokens {
			if tk.XPOS == "" || tk.UPOS == "" {
				t.Errorf("%q token %d: no tag", in, i)
			}
		}
	}
	tg.Tag(nil)
	Tag(nil)
	var zero *Tagger
	zero.Tag(sentence("a"))
	(&Tagger{}).Tag(sentence("a"))
}

func TestLoadRejectsCorruptInput(t *testing.T) {
	var buf bytes.Buffer
	if err := defaultTagger(t).Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	rng := rand.New(rand.NewSource(1))
	cases := map[string][]byte{
		"empty":     nil,
		"garbage":   []byte("not a model at all"),
		"truncated": good[:len(good)/2],
		"header":    good[:20],
	}
	for name, b := range cases {
		if _, err := Load(bytes.NewReader(b)); err == nil {
			t.Errorf("%s: Load succeeded", name)
		}
	}
	// Random byte flips must not panic (they may or may not be detected).
	for i := 0; i < 8; i++ {
		b := append([]byte(nil), good...)
		for j := 0; j < 5; j++ {
			b[rng.Intn(len(b))] ^= byte(1 + rng.Intn(255))
		}
		if tg, err := Load(bytes.NewReader(b)); err == nil {
			tg.Tag(sentence("The", "cat", "sat", "."))
		}
	}
}

func trainSmall(t *testing.T, seed int64) *Tagger {
	t.Helper()
	train := treebank(t, ewtTrain)[:400]
	return Train(train, TrainOptions{Epochs: 3, Seed: seed})
}

func TestTrainDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := trainSmall(t, 7).Save(&a); err != nil {
		t.Fatal(err)
	}
	if err := trainSmall(t, 7).Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("two trainings with the same seed differ (%d vs %d bytes)", a.Len(), b.Len())
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	tg := trainSmall(t, 1)
	var a bytes.Buffer
	if err := tg.Save(&a); err != nil {
		t.Fatal(err)
	}
	back, err := Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := back.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("saved, loaded and saved again: bytes differ")
	}
	dev := treebank(t, ewtDev)[:200]
	for _, g := range dev {
		s1, s2 := sentence(g.Words()...), sentence(g.Words()...)
		tg.Tag(s1)
		back.Tag(s2)
		for i := range s1.Tokens {
			if s1.Tokens[i] != s2.Tokens[i] {
				t.Fatalf("%s token %d: %+v vs %+v after reload", g.ID, i, s1.Tokens[i], s2.Tokens[i])
			}
		}
	}
	// A small model already learns something.
	if sc := tg.Evaluate(dev); sc.UPOS < 0.75 {
		t.Errorf("400-sentence model: %s", sc)
	}
}

// TestAccuracyDevSample checks the shipped model on a few hundred dev
// sentences with a conservative floor; full figures are in
// BenchmarkAccuracy.
func TestAccuracyDevSample(t *testing.T) {
	dev := treebank(t, ewtDev)
	sc := defaultTagger(t).Evaluate(dev[:400])
	t.Logf("EWT dev[:400]: %s", sc)
	if sc.UPOS < 0.93 || sc.XPOS < 0.92 || sc.Lemma < 0.95 {
		t.Errorf("accuracy below floor: %s", sc)
	}
}

// TestBiPass trains a small two-pass tagger and checks that it is
// deterministic, survives a save/load round trip with its second pass,
// and tags at least as well as chance would allow.
func TestBiPass(t *testing.T) {
	train := treebank(t, ewtTrain)[:400]
	dev := treebank(t, ewtDev)[:200]
	var saved [2][]byte
	var tg *Tagger
	for i := range saved {
		tg = Train(train, TrainOptions{Epochs: 3, Seed: 3, BiPass: true})
		if tg.model2 == nil {
			t.Fatal("BiPass: no second-pass model")
		}
		var buf bytes.Buffer
		if err := tg.Save(&buf); err != nil {
			t.Fatal(err)
		}
		saved[i] = buf.Bytes()
	}
	if !bytes.Equal(saved[0], saved[1]) {
		t.Fatal("two BiPass trainings with the same seed differ")
	}
	back, err := Load(bytes.NewReader(saved[0]))
	if err != nil {
		t.Fatal(err)
	}
	if back.model2 == nil {
		t.Fatal("second pass lost in save/load")
	}
	one := Train(train, TrainOptions{Epochs: 3, Seed: 3})
	differ := 0
	for _, g := range dev {
		s1, s2, s3 := sentence(g.Words()...), sentence(g.Words()...), sentence(g.Words()...)
		tg.Tag(s1)
		back.Tag(s2)
		one.Tag(s3)
		for i := range s1.Tokens {
			if s1.Tokens[i] != s2.Tokens[i] {
				t.Fatalf("%s token %d: %+v vs %+v after reload", g.ID, i, s1.Tokens[i], s2.Tokens[i])
			}
			if s1.Tokens[i].XPOS != s3.Tokens[i].XPOS {
				differ++
			}
		}
	}
	if differ == 0 {
		t.Error("the second pass never changes a first-pass tag")
	}
	if sc := tg.Evaluate(dev); sc.UPOS < 0.75 {
		t.Errorf("400-sentence two-pass model: %s", sc)
	}
}
