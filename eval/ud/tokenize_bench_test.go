package ud

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/tokenize"
)

func loadGold(tb testing.TB, name string) (string, []*doc.Sentence) {
	tb.Helper()
	f, err := corpora.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	text, gold, err := ReadGold(f, name)
	if err != nil {
		tb.Fatal(err)
	}
	return text, gold
}

// benchRaw measures extract/tokenize on the raw text of a treebank and
// reports tokens and sentences F1 (percent) as benchmark metrics:
//
//	go test ./eval/ud -run '^$' -bench RawTokenize -benchtime 1x
func benchRaw(b *testing.B, name string) {
	text, gold := loadGold(b, name)
	var sc Scores
	for b.Loop() {
		sc = ScoreRaw(gold, text, tokenize.Document(text))
	}
	b.ReportMetric(100*sc.Tokens.F1, "tokensF1")
	b.ReportMetric(100*sc.Sentences.F1, "sentsF1")
	b.ReportMetric(100*sc.Tokens.Precision, "tokensP")
	b.ReportMetric(100*sc.Tokens.Recall, "tokensR")
	b.ReportMetric(100*sc.Sentences.Precision, "sentsP")
	b.ReportMetric(100*sc.Sentences.Recall, "sentsR")
}

func BenchmarkRawTokenizeEWTDev(b *testing.B) { benchRaw(b, "ud-english-ewt/en_ewt-ud-dev.conllu") }
func BenchmarkRawTokenizeEWTTest(b *testing.B) {
	benchRaw(b, "ud-english-ewt/en_ewt-ud-test.conllu")
}
func BenchmarkRawTokenizeGUMDev(b *testing.B) { benchRaw(b, "gum/en_gum-ud-dev.conllu") }

// TestRawTokenizeSample checks extract/tokenize on the first 300 sentences
// of EWT dev with conservative floors (the full figures are benchmarks).
func TestRawTokenizeSample(t *testing.T) {
	f, err := corpora.Open("ud-english-ewt/en_ewt-ud-dev.conllu")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := conllu.ReadAll(f, "en_ewt-ud-dev.conllu")
	if err != nil {
		t.Fatal(err)
	}
	text, gold := RawText(sents[:300])
	sc := ScoreRaw(gold, text, tokenize.Document(text))
	if sc.Warning != "" {
		t.Fatal(sc.Warning)
	}
	if sc.Tokens.F1 < 0.97 || sc.Sentences.F1 < 0.70 {
		t.Errorf("tokens F1 %.4f (floor 0.97), sentences F1 %.4f (floor 0.70)", sc.Tokens.F1, sc.Sentences.F1)
	}
}

// lineParagraphs puts each paragraph on one line: the blank line between
// paragraphs becomes a single newline (byte offsets are unchanged), as in
// news text with no blank lines, so the splitter must find paragraph ends
// without the blank-line rule.
func lineParagraphs(text string) string {
	return strings.ReplaceAll(text, "\n\n", " \n")
}

// wrapLines wraps every paragraph at 72 columns by turning spaces into
// newlines (byte offsets are unchanged), to measure false splits at
// line breaks inside a paragraph.
func wrapLines(text string) string {
	b := []byte(text)
	col, lastSpace := 0, -1
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\n':
			col, lastSpace = 0, -1
			continue
		case ' ':
			lastSpace = i
		}
		col++
		if col > 72 && lastSpace >= 0 {
			b[lastSpace] = '\n'
			col, lastSpace = i-lastSpace, -1
		}
	}
	return string(b)
}

func benchVariant(b *testing.B, name string, transform func(string) string) {
	text, gold := loadGold(b, name)
	text = transform(text)
	var sc Scores
	for b.Loop() {
		sc = ScoreRaw(gold, text, tokenize.Document(text))
	}
	b.ReportMetric(100*sc.Tokens.F1, "tokensF1")
	b.ReportMetric(100*sc.Sentences.F1, "sentsF1")
	b.ReportMetric(100*sc.Sentences.Precision, "sentsP")
	b.ReportMetric(100*sc.Sentences.Recall, "sentsR")
}

// BenchmarkLineBreaks measures the single-newline rules of the splitter:
//
//	go test ./eval/ud -run '^$' -bench LineBreaks -benchtime 1x
func BenchmarkLineBreaks(b *testing.B) {
	for _, name := range []string{"gum/en_gum-ud-dev.conllu", "ud-english-ewt/en_ewt-ud-dev.conllu"} {
		short := strings.TrimSuffix(strings.Split(name, "/")[1], ".conllu")
		b.Run(short+"/blank", func(b *testing.B) { benchVariant(b, name, func(s string) string { return s }) })
		b.Run(short+"/lines", func(b *testing.B) { benchVariant(b, name, lineParagraphs) })
		b.Run(short+"/wrapped", func(b *testing.B) { benchVariant(b, name, wrapLines) })
	}
}
