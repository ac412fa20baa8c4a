package article

import (
	"strings"
	"testing"
)

func TestFromJSONTrailingData(t *testing.T) {
	cases := []struct {
		in   string
		want string // "" means accepted
	}{
		{`{"text": "a"}`, ""},
		{"{\"text\": \"a\"}  \r\n", ""},
		{`{"text": "a"}{"text": "b"}`, "after the JSON object"},
		{`{"text": "a"} trailing`, "after the JSON object"},
		{`{"text": "a"}]`, "after the JSON object"},
	}
	for _, c := range cases {
		_, err := FromJSON("f.jsonl:4", []byte(c.in))
		if c.want == "" {
			if err != nil {
				t.Errorf("%q: %v", c.in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "f.jsonl:4: ") {
			t.Errorf("%q: err = %v, want %q naming f.jsonl:4", c.in, err, c.want)
		}
	}
}

// FuzzFromJSON decodes arbitrary lines: no panic, and an accepted record
// is a usable article.
func FuzzFromJSON(f *testing.F) {
	f.Add([]byte(`{"id": 42, "title": "Rockets fired", "date": "2021-05-13T10:00:00Z", "url": "https://example.org/a", "text": "Hamas fired rockets."}`))
	f.Add([]byte(`{"id": {"x": [1, 2]}, "text": "\u0000\ud800"}`))
	f.Add([]byte(`{"text": "a", "date": "2021-13-45"}`))
	f.Add([]byte(`{"id": null, "title": "  ", "text": " x "}`))
	f.Add([]byte(`{"text": "a"}{"text": "b"}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		a, err := FromJSON("fuzz.jsonl:1", line)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.jsonl:1: ") {
				t.Fatalf("error %q does not name the line", err)
			}
			return
		}
		if a.ID == "" || strings.TrimSpace(a.Text) == "" || len(a.Hash) != 64 || a.Source == "" {
			t.Fatalf("bad article from %q: %+v", line, a)
		}
		if a.Date != "" && len(a.Date) != 10 {
			t.Fatalf("date %q from %q", a.Date, line)
		}
		if a.Title != "" && !strings.Contains(a.Text, a.Title) {
			t.Fatalf("title %q not in text %q", a.Title, a.Text)
		}
	})
}

func TestParseHTML(t *testing.T) {
	cases := []struct {
		name, in    string
		want, avoid []string
		title       string
	}{
		{"page", `<!DOCTYPE html><html><head><title>Biden meets Macron</title><script>var s = "<b>Evil</b>"; if (a < b) {}</script><style>p{color:red}</style></head><body><p>President <b>Joe Biden</b> met <a href="https://example.org/m">Emmanuel Macron</a> in Paris &amp; Lyon.</p><!-- a <p>comment</p> --><p>They spoke.</p></body></html>`,
			[]string{"Joe Biden met Emmanuel Macron in Paris & Lyon.", "They spoke."}, []string{"<", ">", "Evil", "color", "comment", "href"}, "Biden meets Macron"},
		{"fragment", "<p>Hamas fired rockets.</p>\n<p>Israel said 3 < 4.</p>", []string{"Hamas fired rockets.", "3 < 4"}, []string{"<p>"}, ""},
		{"unclosed script", "<html><body><p>Hamas fired.</p><script>never closed", []string{"Hamas fired."}, []string{"never"}, ""},
		{"cut-off tag", "<p>Biden spoke.</p><a href=", []string{"Biden spoke."}, []string{"href"}, ""},
		{"plain text with a bracket", "Biden said <sic> nothing.", []string{"<sic>"}, nil, ""},
	}
	for _, c := range cases {
		a, err := Parse(c.name+".html", "", []byte(c.in))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(a.Text, w) {
				t.Errorf("%s: text %q lacks %q", c.name, a.Text, w)
			}
		}
		for _, w := range c.avoid {
			if strings.Contains(a.Text, w) {
				t.Errorf("%s: text %q holds %q", c.name, a.Text, w)
			}
		}
		if a.Title != c.title {
			t.Errorf("%s: title %q, want %q", c.name, a.Title, c.title)
		}
	}
}

// FuzzHTMLText: the HTML scanner never panics and never grows its input
// beyond the blank lines it adds for block tags.
func FuzzHTMLText(f *testing.F) {
	f.Add("<html><script>x</script><p>a &amp; b</p></html>")
	f.Add("<!--")
	f.Add("<p><script")
	f.Add("</ScRiPt><STYLE>")
	f.Fuzz(func(t *testing.T, s string) {
		out := htmlText(s)
		if len(out) > 3*len(s)+16 {
			t.Fatalf("%d bytes of text from %d bytes of HTML", len(out), len(s))
		}
	})
}
