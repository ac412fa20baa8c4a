// Package article turns the bytes of an input file into an Article: its
// text, title and publication date, with a stable document id.
//
// It decides what an input is before any language processing sees it: it
// refuses binary data and text it cannot decode with an error naming the
// input and the problem, decodes UTF-16 with a byte-order mark, reduces an
// HTML page to its main text with readability (title and publication date
// from the page's metadata), and strips
// the metadata lines kg's plain-text articles may start with. It does no
// tokenization or extraction.
package article

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxSize is the largest input accepted, in bytes. Larger inputs are
// refused rather than read into memory whole.
const MaxSize = 64 << 20

// Article is one news article ready for extraction.
type Article struct {
	ID     string // stable document id
	Title  string // "" when the text has no title line
	Date   string // YYYY-MM-DD, or ""
	Source string // file path, "-" or a URL
	Text   string // the body text (title included as its first line, if any)
	// TextOffset is the byte offset of Text in the decoded input, so
	// offsets into Text can be mapped back to the file.
	TextOffset int
	Hash       string // hex SHA-256 of the decoded input
}

// Error is a problem with one input.
type Error struct {
	Name    string // the input's name
	Problem string
}

func (e *Error) Error() string { return e.Name + ": " + e.Problem }

// datePrefix matches the "date YYYY-MM-DD" metadata that may open an
// article, on a line of its own or followed by the text on the same line.
var datePrefix = regexp.MustCompile(`^\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})(?:\s+|$)`)

// Parse reads an article from data. name is the input's path (or "-"),
// used for errors, the Source and, when id is "", the document id.
func Parse(name, id string, data []byte) (*Article, error) {
	if len(data) > MaxSize {
		return nil, &Error{name, fmt.Sprintf("input is %d bytes, more than the %d MiB limit; split it into articles", len(data), MaxSize>>20)}
	}
	text, err := decode(data)
	if err != nil {
		return nil, &Error{name, err.Error()}
	}
	var htmlTitle, htmlDate string
	if looksLikeHTML(text) {
		text, htmlTitle, htmlDate = readable(text)
		if htmlTitle != "" && !strings.HasPrefix(strings.TrimSpace(text), htmlTitle) {
			// The headline is text too, and the first line is the title.
			text = htmlTitle + "\n\n" + text
		}
	}
	if strings.TrimSpace(text) == "" {
		return nil, &Error{name, "empty: no text to extract from"}
	}
	sum := sha256.Sum256([]byte(text))
	a := &Article{Source: name, Hash: hex.EncodeToString(sum[:])}
	a.ID = id
	if a.ID == "" {
		a.ID = IDFor(name, a.Hash)
	}
	body := text
	off := 0
	// A leading "date YYYY-MM-DD" is metadata, not text.
	if m := datePrefix.FindStringSubmatchIndex(body); m != nil {
		a.Date = body[m[2]:m[3]]
		off += m[1]
		body = body[m[1]:]
	}
	// Skip leading blank lines so the title is the first real line.
	trimmed := strings.TrimLeft(body, " \t\r\n")
	off += len(body) - len(trimmed)
	body = trimmed
	if line, _, ok := firstLine(body); ok && looksLikeTitle(line) {
		a.Title = strings.TrimSpace(line)
	}
	if a.Date == "" {
		a.Date = htmlDate
	}
	a.Text = body
	a.TextOffset = off
	if strings.TrimSpace(a.Text) == "" {
		return nil, &Error{name, "no text after the metadata lines"}
	}
	return a, nil
}

// firstLine splits s at its first newline; ok is false when s has only
// one line.
func firstLine(s string) (line, rest string, ok bool) {
	i := strings.IndexByte(s, '\n')
	if i < 0 {
		return s, "", false
	}
	return strings.TrimRight(s[:i], "\r"), s[i+1:], true
}

// looksLikeTitle reports whether a first line is a headline rather than
// the start of the body: short, no sentence-final punctuation.
func looksLikeTitle(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" || len(line) > 200 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".:;,", last) {
		return false
	}
	return len(strings.Fields(line)) <= 25
}

// IDFor derives a document id from a path: the file name without its
// extension ("articles/000_3ec0.txt" → "000_3ec0"). Standard input and
// nameless inputs get "sha256-" and the first 16 hex digits of the hash.
func IDFor(name, hash string) string {
	if name == "" || name == "-" {
		return "sha256-" + hash[:16]
	}
	base := filepath.Base(name)
	if ext := filepath.Ext(base); ext != "" && len(ext) <= 6 {
		base = strings.TrimSuffix(base, ext)
	}
	if base == "" || base == "." {
		return "sha256-" + hash[:16]
	}
	return base
}

// decode returns data as UTF-8 text, or says why it cannot.
func decode(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data)
	}
	if kind := binaryKind(data); kind != "" {
		return "", fmt.Errorf("binary data (%s), not text", kind)
	}
	if !utf8.Valid(data) {
		off := invalidAt(data)
		return "", fmt.Errorf("not valid UTF-8 (first bad byte 0x%02X at offset %d); convert it first, e.g. iconv -f latin1 -t utf-8", data[off], off)
	}
	s := string(data)
	ctrl := 0
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			ctrl++
		}
	}
	if ctrl >= 8 && ctrl*20 > len(s) {
		return "", fmt.Errorf("binary data (%d control characters), not text", ctrl)
	}
	if ctrl > 0 {
		s = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
				return ' '
			}
			return r
		}, s)
	}
	return s, nil
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return 0
}

var magics = []struct {
	prefix []byte
	kind   string
}{
	{[]byte("\x89PNG"), "PNG image"},
	{[]byte("\xFF\xD8\xFF"), "JPEG image"},
	{[]byte("GIF8"), "GIF image"},
	{[]byte("%PDF"), "PDF document"},
	{[]byte("\x1F\x8B"), "gzip data"},
	{[]byte("PK\x03\x04"), "zip archive"},
	{[]byte("\x7FELF"), "ELF executable"},
	{[]byte("BZh"), "bzip2 data"},
	{[]byte("\xFD7zXZ"), "xz data"},
}

func binaryKind(b []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(b, m.prefix) {
			return m.kind
		}
	}
	head := b
	if len(head) > 8000 {
		head = head[:8000]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "NUL bytes"
	}
	return ""
}

func decodeUTF16(b []byte) (string, error) {
	big := b[0] == 0xFE
	b = b[2:]
	if len(b)%2 != 0 {
		return "", fmt.Errorf("UTF-16 text with an odd number of bytes")
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if big {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u)), nil
}

// record is the JSON Lines shape of an article, the common shape of news
// dumps.
type record struct {
	ID    json.RawMessage `json:"id"`
	Title string          `json:"title"`
	Date  string          `json:"date"`
	URL   string          `json:"url"`
	Text  string          `json:"text"`
}

// FromJSON reads an article from one JSON object {"id", "title", "date",
// "url", "text"}; name (file:line) is used in errors and as the source
// when the record has no url. Only text is required; a missing id is
// derived from the text's hash.
func FromJSON(name string, line []byte) (*Article, error) {
	var r record
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&r); err != nil {
		return nil, &Error{name, "not a JSON object: " + err.Error()}
	}
	// A second object (or anything else) on the same line would otherwise
	// be dropped silently.
	if _, err := dec.Token(); err != io.EOF {
		return nil, &Error{name, "unexpected data after the JSON object (one article a line)"}
	}
	if strings.TrimSpace(r.Text) == "" {
		return nil, &Error{name, `no "text"`}
	}
	if !utf8.ValidString(r.Text) {
		return nil, &Error{name, "text is not valid UTF-8"}
	}
	if len(r.Text) > MaxSize {
		return nil, &Error{name, fmt.Sprintf("text is %d bytes, more than the %d MiB limit", len(r.Text), MaxSize>>20)}
	}
	id := strings.Trim(string(r.ID), `"`)
	if id == "null" {
		id = ""
	}
	sum := sha256.Sum256([]byte(r.Text))
	a := &Article{ID: id, Title: strings.TrimSpace(r.Title), Source: r.URL, Text: r.Text, Hash: hex.EncodeToString(sum[:])}
	if a.ID == "" {
		a.ID = "sha256-" + a.Hash[:16]
	}
	if a.Source == "" {
		a.Source = name
	}
	if d := strings.TrimSpace(r.Date); d != "" {
		if len(d) >= 10 && datePrefix.MatchString("date "+d[:10]) {
			a.Date = d[:10]
		} else {
			return nil, &Error{name, fmt.Sprintf("date %q is not YYYY-MM-DD", d)}
		}
	}
	if a.Title != "" && !strings.HasPrefix(strings.TrimSpace(a.Text), a.Title) {
		// The title is text too: facts in headlines count.
		a.Text = a.Title + "\n\n" + a.Text
	}
	return a, nil
}
