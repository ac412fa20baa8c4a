package carb

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/kg-project/kg/corpora"
)

// Extraction is one Open IE tuple: a relation phrase and its arguments,
// extracted from Sentence. Gold tuples have Confidence 1.
type Extraction struct {
	Sentence   string
	Confidence float64
	Relation   string
	Args       []string
	// Line is the 1-based line the tuple was read from (0 when built in
	// code).
	Line int
}

// Gold is a set of reference tuples.
type Gold struct {
	Extractions []Extraction
}

// System is the output of an Open IE system.
type System struct {
	Extractions []Extraction
}

// maxLine bounds one input line (1 MiB); longer lines are an error.
const maxLine = 1 << 20

// ReadGold reads gold tuples, one a line:
// sentence<TAB>relation<TAB>arg1<TAB>arg2… Each line is trimmed of
// surrounding white space first and every field is trimmed, as the CaRB
// gold reader does. Blank lines are skipped.
func ReadGold(r io.Reader) (Gold, error) {
	var g Gold
	err := eachLine(r, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			return fmt.Errorf("carb: gold line %d: want sentence<TAB>relation<TAB>args…, got %d field(s)", n, len(f))
		}
		e := Extraction{Sentence: pyStrip(f[0]), Confidence: 1, Relation: pyStrip(f[1]), Line: n}
		for _, a := range f[2:] {
			e.Args = append(e.Args, pyStrip(a))
		}
		g.Extractions = append(g.Extractions, e)
		return nil
	})
	return g, err
}

// ReadSystem reads system tuples in the CaRB tabbed format, one a line:
// sentence<TAB>confidence<TAB>relation<TAB>arg1<TAB>arg2… Each line is
// trimmed of surrounding white space; the fields themselves are kept as
// they are, as the CaRB tab reader does. Blank lines are skipped. A line
// with fewer than three fields or a confidence that is not a finite number
// is an error naming the line.
func ReadSystem(r io.Reader) (System, error) {
	var s System
	err := eachLine(r, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return fmt.Errorf("carb: system line %d: want sentence<TAB>confidence<TAB>relation<TAB>args…, got %d field(s)", n, len(f))
		}
		c, err := strconv.ParseFloat(pyStrip(f[1]), 64)
		if err != nil {
			return fmt.Errorf("carb: system line %d: confidence: %w", n, err)
		}
		if math.IsNaN(c) || math.IsInf(c, 0) {
			return fmt.Errorf("carb: system line %d: confidence %q is not a finite number", n, f[1])
		}
		e := Extraction{Sentence: f[0], Confidence: c, Relation: f[2], Line: n}
		if len(f) > 3 {
			e.Args = append([]string(nil), f[3:]...)
		}
		s.Extractions = append(s.Extractions, e)
		return nil
	})
	return s, err
}

// LoadGold reads gold tuples from a file, found as corpora.Open finds it
// (e.g. "carb/gold-dev.tsv"; ".gz" files are decompressed).
func LoadGold(name string) (Gold, error) {
	var g Gold
	err := load(name, func(r io.Reader) (err error) {
		g, err = ReadGold(r)
		return err
	})
	return g, err
}

// LoadSystem reads system tuples from a file, found as corpora.Open finds
// it.
func LoadSystem(name string) (System, error) {
	var s System
	err := load(name, func(r io.Reader) (err error) {
		s, err = ReadSystem(r)
		return err
	})
	return s, err
}

func load(name string, read func(io.Reader) error) error {
	rc, err := corpora.Open(name)
	if err != nil {
		return fmt.Errorf("carb: open %s: %w", name, err)
	}
	defer rc.Close()
	if err := read(rc); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// WriteSystem writes s in the tabbed format ReadSystem reads. Tabs and
// line breaks inside fields are replaced by spaces so that every tuple
// stays one line.
func WriteSystem(w io.Writer, s System) error {
	bw := bufio.NewWriter(w)
	for i, e := range s.Extractions {
		fields := make([]string, 0, 3+len(e.Args))
		fields = append(fields, clean(e.Sentence), strconv.FormatFloat(e.Confidence, 'g', -1, 64), clean(e.Relation))
		for _, a := range e.Args {
			fields = append(fields, clean(a))
		}
		if _, err := bw.WriteString(strings.Join(fields, "\t") + "\n"); err != nil {
			return fmt.Errorf("carb: write tuple %d: %w", i+1, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("carb: write: %w", err)
	}
	return nil
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

// eachLine calls fn with every non-blank line, stripped, and its 1-based
// number.
func eachLine(r io.Reader, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	n := 0
	for sc.Scan() {
		n++
		line := pyStrip(sc.Text())
		if line == "" {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("carb: line %d: longer than %d bytes: %w", n+1, maxLine, err)
		}
		return fmt.Errorf("carb: after line %d: %w", n, err)
	}
	return nil
}

// isPySpace reports whether Python's str.isspace holds for r: Unicode
// white space plus the ASCII separators U+001C–U+001F.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// pyStrip trims as Python's str.strip() without arguments.
func pyStrip(s string) string { return strings.TrimFunc(s, isPySpace) }

// pyFields splits as Python's str.split() without arguments.
func pyFields(s string) []string { return strings.FieldsFunc(s, isPySpace) }
