package tokenize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func words(text string) string {
	var w []string
	for _, t := range Tokens(text) {
		w = append(w, t.Text)
	}
	return strings.Join(w, " ")
}

func TestTokens(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Biden's plan", "Biden 's plan"},
		{"don't", "do n't"},
		{"can't", "ca n't"},
		{"won't", "wo n't"},
		{"I'm sure we'll see they've gone and I'd stay", "I 'm sure we 'll see they 've gone and I 'd stay"},
		{"Biden’s plan", "Biden ’s plan"},
		{"don’t", "do n’t"},
		{"parents' cars", "parents ' cars"},
		{"gonna wanna cannot dont", "gon na wan na can not do nt"},
		{"O'Brien's dog", "O'Brien 's dog"},
		{"the U.S. and e.g. this", "the U.S. and e.g. this"},
		{"Mr. Smith and Gen. Milley", "Mr. Smith and Gen. Milley"},
		{"J. Edgar Hoover", "J. Edgar Hoover"},
		{"on 2021-05-13.", "on 2021-05-13 ."},
		{"@POTUS #hashtag", "@POTUS #hashtag"},
		{"see https://example.com/a?b=1&c=2.", "see https://example.com/a?b=1&c=2 ."},
		{"(www.example.com)", "( www.example.com )"},
		{"mail john.doe@example.co.uk now", "mail john.doe@example.co.uk now"},
		{"$4.25 and 10,000 and 3.5%", "$ 4.25 and 10,000 and 3.5 %"},
		{"high-rise Israel-Palestine", "high - rise Israel - Palestine"},
		{"non-profit e-mail co-founder", "non-profit e-mail co-founder"},
		{"a 15-year term", "a 15 - year term"},
		{"call 713-853-3989 in 1969-1970", "call 713-853-3989 in 1969 - 1970"},
		{"mother-in-law's", "mother - in - law 's"},
		{`"Hi," she said.`, `" Hi , " she said .`},
		{"“Hi” (yes) [no] {x}", "“ Hi ” ( yes ) [ no ] { x }"},
		{"Wait—what–now", "Wait — what – now"},
		{"Well... ok… fine!!! Really?!", "Well ... ok … fine !!! Really ?!"},
		{"at 5:30 on 11/28/2000", "at 5:30 on 11/28/2000"},
		{"AT&T and R&D", "AT&T and R&D"},
		{"nice :) bad :(", "nice :) bad :("},
		{"word--word", "word -- word"},
		{"the end.", "the end ."},
		{"No. 5 is no.", "No. 5 is no ."},
		{"in the U.S.", "in the U.S."},
		{"its a cat and its tail", "it s a cat and its tail"},
		{"Lets go", "Let s go"},
		{"I kn- I know", "I kn- I know"},
		{"put ’em on", "put ’em on"},
		{"born c. 1871 in St. Louis", "born c. 1871 in St. Louis"},
		{"OF GEN. SMITH", "OF GEN. SMITH"},
		{"at 10am for 650k and 375mm, the 2nd in the 1990s", "at 10 am for 650 k and 375 mm , the 2nd in the 1990s"},
		{"", ""},
		{"   \n\t ", ""},
	}
	for _, tc := range tests {
		if got := words(tc.in); got != tc.want {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func checkOffsets(t *testing.T, text string) {
	t.Helper()
	d := Document(text)
	prevEnd := 0
	for si, s := range d.Sentences {
		if s.Start < prevEnd || s.End > len(text) || s.Start > s.End || s.Text != text[s.Start:s.End] {
			t.Fatalf("sentence %d has bad span %d:%d (prev end %d)", si, s.Start, s.End, prevEnd)
		}
		if len(s.Tokens) == 0 || len(s.Tokens) > MaxSentenceTokens {
			t.Fatalf("sentence %d has %d tokens", si, len(s.Tokens))
		}
		for _, tk := range s.Tokens {
			if tk.Start < prevEnd || tk.End <= tk.Start || tk.End > len(text) || tk.Text != text[tk.Start:tk.End] {
				t.Fatalf("token %q has bad span %d:%d", tk.Text, tk.Start, tk.End)
			}
			if tk.Start < s.Start || tk.End > s.End {
				t.Fatalf("token %q outside its sentence", tk.Text)
			}
			prevEnd = tk.End
		}
	}
	// every non-space character is covered by a token
	covered := 0
	for _, s := range d.Sentences {
		for _, tk := range s.Tokens {
			covered += utf8.RuneCountInString(tk.Text)
		}
	}
	want := 0
	for _, r := range text {
		if !isSpace(r) {
			want++
		}
	}
	if covered != want {
		t.Fatalf("tokens cover %d characters, text has %d non-space characters", covered, want)
	}
}

func TestSpaceAfter(t *testing.T) {
	toks := Tokens("Hello, world!")
	want := []bool{false, true, false, false}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens", len(toks))
	}
	for i, w := range want {
		if toks[i].SpaceAfter != w {
			t.Errorf("token %q SpaceAfter = %v, want %v", toks[i].Text, toks[i].SpaceAfter, w)
		}
	}
}

func sentences(text string) []string {
	var out []string
	for _, s := range Document(text).Sentences {
		out = append(out, s.Text)
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"He left. She stayed.", []string{"He left.", "She stayed."}},
		{"Mr. Smith met Dr. Jones. They talked.", []string{"Mr. Smith met Dr. Jones.", "They talked."}},
		{"Sen. Warren and Gov. Newsom spoke in St. Louis on Jan. 5.", []string{"Sen. Warren and Gov. Newsom spoke in St. Louis on Jan. 5."}},
		{"The U.S. Army left. Troops went home.", []string{"The U.S. Army left.", "Troops went home."}},
		{"J. Edgar Hoover ran it.", []string{"J. Edgar Hoover ran it."}},
		{`He said "Stop." Then he left.`, []string{`He said "Stop."`, "Then he left."}},
		{"It rose (by 5%.) Then fell.", []string{"It rose (by 5%.)", "Then fell."}},
		{"Really? Yes! 2020 was bad.", []string{"Really?", "Yes!", "2020 was bad."}},
		{"it costs 3.5 dollars. ok then", []string{"it costs 3.5 dollars.", "ok then"}},
		{"He paused... and then left… twice.", []string{"He paused... and then left… twice."}},
		{"He paused... Then left.", []string{"He paused...", "Then left."}},
		{"It is, e.g. a cat, i.e. an animal, at 5 p.m. today.", []string{"It is, e.g. a cat, i.e. an animal, at 5 p.m. today."}},
		{"First paragraph without stop\n\nSecond one", []string{"First paragraph without stop", "Second one"}},
		{"Biden Signs Infrastructure Bill\nWASHINGTON - The president signed it.", []string{"Biden Signs Infrastructure Bill", "WASHINGTON - The president signed it."}},
		{"The committee met with the president of the United\nStates on Tuesday and agreed on a plan.", []string{"The committee met with the president of the United\nStates on Tuesday and agreed on a plan."}},
		{"This is a wrapped line of a paragraph that goes on and\nthen continues here.", []string{"This is a wrapped line of a paragraph that goes on and\nthen continues here."}},
		{"Items:\n- one\n- two", []string{"Items:", "- one", "- two"}},
		{"Ends with a stop.\nnext line", []string{"Ends with a stop.", "next line"}},
	}
	for _, tc := range tests {
		got := sentences(tc.in)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("sentences(%q) =\n  %q\nwant\n  %q", tc.in, got, tc.want)
		}
		checkOffsets(t, tc.in)
	}
}

func TestLongSentenceCapped(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 1000; i++ {
		b.WriteString("word ")
		if i%50 == 49 {
			b.WriteString(", ")
		}
	}
	d := Document(b.String())
	n := 0
	for _, s := range d.Sentences {
		if len(s.Tokens) > MaxSentenceTokens {
			t.Errorf("sentence with %d tokens", len(s.Tokens))
		}
		if last := s.Tokens[len(s.Tokens)-1].Text; last != "," && len(s.Tokens) == MaxSentenceTokens {
			t.Errorf("cut not at a comma although one was available")
		}
		n += len(s.Tokens)
	}
	if n != 1000+1000/50 {
		t.Errorf("got %d tokens, want %d", n, 1020)
	}
	checkOffsets(t, b.String())
}

func TestRobustInputs(t *testing.T) {
	inputs := []string{
		"\xff\xfe bad \xc3 utf8 \xe2\x80 end.",
		"a\x00b\x01c",
		strings.Repeat("-", 1000),
		strings.Repeat("a.", 1000),
		strings.Repeat("'", 100) + "s",
		strings.Repeat("x@", 500) + "y.com",
		"http://" + strings.Repeat(")", 50),
		"’", "'", "n't", "’s", ".", "\n\n\n", "a-", "-a", "1,", "1,00", "U.S", "e.", "A.",
		strings.Repeat("9-", 300),
		"\u200b\ufeffword\u00a0word",
	}
	for _, in := range inputs {
		checkOffsets(t, in)
	}
}

func TestInvalidUTF8SingleByteTokens(t *testing.T) {
	toks := Tokens("a \xff b")
	if len(toks) != 3 || toks[1].Text != "\xff" || toks[1].Start != 2 || toks[1].End != 3 {
		t.Fatalf("got %+v", toks)
	}
}

func FuzzDocument(f *testing.F) {
	for _, s := range []string{"He left. She stayed.", "don't\n\nU.S. $4.25", "\xff'’s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkOffsets(t, s) })
}

func BenchmarkDocument(b *testing.B) {
	text := strings.Repeat(`President Biden's plan, announced on 2021-05-13, didn't win over Sen. Mitch McConnell. "We can't afford $4.25 trillion," he said — citing the U.S. deficit (about 10,000 words long). Officials e-mailed info@example.com... `, 200)
	n := len(Tokens(text))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Document(text)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkNoPunctuation(b *testing.B) {
	text := strings.Repeat("word ", 100000)
	for b.Loop() {
		Document(text)
	}
	b.ReportMetric(float64(100000)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkPathological tokenizes 1 MB inputs built to defeat linear
// scanning (runs of connectors, dots, apostrophes, hyphens, @ signs,
// newlines); each must run at a speed comparable to ordinary text.
func BenchmarkPathological(b *testing.B) {
	const size = 1 << 18
	inputs := map[string]string{
		"dots":     strings.Repeat("a.", size/2),
		"hyphens":  strings.Repeat("a-", size/2),
		"digits":   strings.Repeat("9,999-", size/6),
		"apos":     strings.Repeat("a'", size/2),
		"at":       strings.Repeat("a@b.", size/4),
		"newlines": strings.Repeat("A\n", size/2),
		"quotes":   strings.Repeat("\"", size),
		"invalid":  strings.Repeat("\xff", size),
		"url":      "http://" + strings.Repeat("a)", size/2),
		"periods":  strings.Repeat("Mr. ", size/4),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				Document(in)
			}
		})
	}
}
