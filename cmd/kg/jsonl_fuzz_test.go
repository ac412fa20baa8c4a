package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// refLines splits data into lines as readLine should: each ends at "\n"
// (kept) or at the end of the data.
func refLines(data []byte) [][]byte {
	var out [][]byte
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			out = append(out, data)
			break
		}
		out = append(out, data[:i+1])
		data = data[i+1:]
	}
	return out
}

// checkReadLine reads data with a tiny buffer and limit and compares with
// a plain split: short lines come back whole, long ones as errLineTooLong,
// and the line after a long one is read correctly.
func checkReadLine(t *testing.T, data []byte, max int) {
	t.Helper()
	br := bufio.NewReaderSize(bytes.NewReader(data), 16)
	want := refLines(data)
	for i, w := range want {
		got, err := readLine(br, max)
		if len(w) > max {
			if err != errLineTooLong {
				t.Fatalf("line %d (%d bytes, max %d): got %q, %v; want errLineTooLong", i+1, len(w), max, got, err)
			}
			continue
		}
		if err != nil || !bytes.Equal(got, w) {
			t.Fatalf("line %d: got %q, %v; want %q", i+1, got, err, w)
		}
	}
	if got, err := readLine(br, max); err != io.EOF {
		t.Fatalf("after %d lines: got %q, %v; want EOF", len(want), got, err)
	}
}

func TestReadLine(t *testing.T) {
	cases := []struct {
		name string
		data string
		max  int
	}{
		{"empty", "", 10},
		{"one line no newline", "abc", 10},
		{"exact limit", "0123456789\nab\n", 11},
		{"long line then short", strings.Repeat("x", 100) + "\nshort\n", 20},
		{"long last line", "ok\n" + strings.Repeat("y", 100), 20},
		{"blank lines", "\n\n\n", 5},
		{"CRLF", "a\r\nb\r\n", 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkReadLine(t, []byte(c.data), c.max) })
	}
}

// collectSources runs readSources on one JSON Lines file holding data.
func collectSources(t *testing.T, data []byte) (string, []source) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f.jsonl")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ch := make(chan source)
	go readSources(context.Background(), []string{p}, ch)
	var out []source
	for s := range ch {
		out = append(out, s)
	}
	return p, out
}

// checkSources checks that every non-blank line yields exactly one source
// named file:line, in order, and that an error names its file and line.
func checkSources(t *testing.T, data []byte) {
	t.Helper()
	p, got := collectSources(t, data)
	var want []string
	for i, l := range refLines(data) {
		if len(bytes.TrimSpace(l)) > 0 {
			want = append(want, fmt.Sprintf("%s:%d", p, i+1))
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d sources for %d non-blank lines of %q", len(got), len(want), data)
	}
	for i, s := range got {
		if s.name != want[i] {
			t.Fatalf("source %d named %q, want %q", i, s.name, want[i])
		}
		if s.err != nil {
			if !strings.HasPrefix(s.err.Error(), want[i]+": ") {
				t.Fatalf("error %q does not start with %s", s.err, want[i])
			}
			continue
		}
		if s.art == nil || strings.TrimSpace(s.art.Text) == "" || s.art.ID == "" {
			t.Fatalf("line %s: bad article %+v", want[i], s.art)
		}
	}
}

func TestReadSourcesBrokenLine(t *testing.T) {
	data := []byte(`{"id": "a", "text": "Hamas fired rockets."}
{"id": "b", "text": "unterminated
{"id": "c", "text": "Biden spoke."}

not json at all
{"id": "d", "text": "Netanyahu spoke."}`)
	checkSources(t, data)
	_, got := collectSources(t, data)
	var bad []string
	for _, s := range got {
		if s.err != nil {
			bad = append(bad, s.name[strings.LastIndexByte(s.name, ':'):])
		}
	}
	if strings.Join(bad, ",") != ":2,:5" {
		t.Errorf("broken lines reported: %v, want lines 2 and 5", bad)
	}
}

// FuzzReadLine checks readLine against a plain split with a tiny buffer.
func FuzzReadLine(f *testing.F) {
	f.Add([]byte("a\nbb\n\nccc"), uint8(2))
	f.Add([]byte(strings.Repeat("z", 40)+"\nq\n"), uint8(17))
	f.Fuzz(func(t *testing.T, data []byte, max uint8) {
		checkReadLine(t, data, int(max)+1)
	})
}

// FuzzReadSources reads arbitrary JSON Lines files: one source per
// non-blank line, named file:line, no panic.
func FuzzReadSources(f *testing.F) {
	f.Add([]byte(`{"id": 1, "title": "T", "date": "2021-05-13", "url": "u", "text": "Hamas fired rockets."}` + "\n"))
	f.Add([]byte("{\"text\": \"a\"}\n{broken\n\n{\"text\": \"\\u0000\"}"))
	f.Add([]byte(`{"id": null, "text": "x"}{"text": "y"}`))
	f.Add([]byte("\xff\xfe{\"text\":\"\xff\"}\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSources(t, data)
	})
}
