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
