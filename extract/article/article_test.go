package article

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func utf16le(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func TestParseBadInput(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string // part of the error; "" means no error
	}{
		{"empty.txt", nil, "empty"},
		{"blank.txt", []byte(" \n\t \n"), "empty"},
		{"image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "PNG"},
		{"data.gz", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), "gzip"},
		{"nul.txt", []byte("abc\x00def"), "binary"},
		{"latin1.txt", []byte("Caf\xe9 au lait"), "not valid UTF-8"},
		{"ctrl.txt", []byte(strings.Repeat("\x01\x02\x03", 10) + "a"), "control characters"},
		{"huge.txt", make([]byte, MaxSize+1), "limit"},
		{"dateonly.txt", []byte("date 2021-05-13\n"), "no text"},
		{"utf16.txt", utf16le("Hamas fired rockets."), ""},
		{"bom.txt", []byte("\xEF\xBB\xBFHamas fired rockets."), ""},
		{"onectrl.txt", []byte("Hamas\x07 fired rockets."), ""},
	}
	for _, c := range cases {
		a, err := Parse(c.name, "", c.data)
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: unexpected error %v", c.name, err)
			} else if !strings.Contains(a.Text, "Hamas") || strings.ContainsRune(a.Text, '\x07') {
				t.Errorf("%s: text %q", c.name, a.Text)
			}
			continue
		}
		var ae *Error
		if err == nil || !errors.As(err, &ae) || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), c.name+": ") {
			t.Errorf("%s: err = %v, want an error naming the file and saying %q", c.name, err, c.want)
		}
	}
}

func TestParseMetadata(t *testing.T) {
	cases := []struct {
		in, title, date, textStart string
	}{
		{" date 2021-05-13 United States President Joe Biden spoke.", "", "2021-05-13", "United States"},
		{"date 2021-05-13\nBiden speaks to Netanyahu\n\nBiden spoke to Netanyahu on Wednesday.", "Biden speaks to Netanyahu", "2021-05-13", "Biden speaks"},
		{"Biden spoke to Netanyahu on Wednesday.\nHe said so.", "", "", "Biden spoke"},
		{"dated documents are common.", "", "", "dated"},
	}
	for _, c := range cases {
		a, err := Parse("a.txt", "", []byte(c.in))
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		if a.Title != c.title || a.Date != c.date || !strings.HasPrefix(a.Text, c.textStart) {
			t.Errorf("%q: title %q date %q text %q", c.in, a.Title, a.Date, a.Text)
		}
		if !strings.HasPrefix(c.in[a.TextOffset:], a.Text[:5]) {
			t.Errorf("%q: TextOffset %d does not point at the text", c.in, a.TextOffset)
		}
	}
}

func TestIDs(t *testing.T) {
	a, _ := Parse("dir/000_3ec0.txt", "", []byte("Text here."))
	b, _ := Parse("-", "", []byte("Text here."))
	c, _ := Parse("-", "", []byte("Other text."))
	if a.ID != "000_3ec0" {
		t.Errorf("id from path = %q", a.ID)
	}
	if !strings.HasPrefix(b.ID, "sha256-") || b.ID == c.ID {
		t.Errorf("stdin ids %q %q should come from the content", b.ID, c.ID)
	}
}

func TestFromJSON(t *testing.T) {
	a, err := FromJSON("f.jsonl:3", []byte(`{"id": 42, "title": "Rockets fired", "date": "2021-05-13T10:00:00Z", "url": "https://example.org/a", "text": "Hamas fired rockets."}`))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "42" || a.Date != "2021-05-13" || a.Source != "https://example.org/a" || !strings.HasPrefix(a.Text, "Rockets fired\n\nHamas") {
		t.Errorf("got %+v", a)
	}
	for in, want := range map[string]string{
		`{"id": 1, "text": "x"`:              "not a JSON object",
		`[1,2]`:                              "not a JSON object",
		`{"id": 1}`:                          `no "text"`,
		`{"text": "x", "date": "yesterday"}`: "not YYYY-MM-DD",
	} {
		if _, err := FromJSON("f.jsonl:9", []byte(in)); err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "f.jsonl:9: ") {
			t.Errorf("%s: err = %v, want %q with file:line", in, err, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("date 2021-05-13 Biden spoke."))
	f.Add([]byte("\xff\xfeh\x00i\x00"))
	f.Add([]byte("Title\n\nBody text."))
	f.Add([]byte(newsPage)) // HTML goes through readability
	f.Add([]byte("<html><body><article><p>" + strings.Repeat("Words of a long enough paragraph. ", 10) + "</p></article></body></html>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("fuzz.txt", "", data)
		if err != nil {
			return
		}
		if strings.TrimSpace(a.Text) == "" || a.ID == "" || len(a.Hash) != 64 || !utf8.ValidString(a.Text) {
			t.Fatalf("bad article from %q: %+v", data, a)
		}
	})
}
