// Package export streams every quad of a store through one of the format
// writers registered with cayley's quad package (N-Quads, JSON-LD, JSON,
// Graphviz, GraphML, ...). It adds no format of its own: a format cayley
// learns is a format kg exports.
package export

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	_ "github.com/cayleygraph/quad/dot"     // registers "graphviz"
	_ "github.com/cayleygraph/quad/gml"     // registers "gml"
	_ "github.com/cayleygraph/quad/graphml" // registers "graphml"
	_ "github.com/cayleygraph/quad/json"    // registers "json"
	_ "github.com/cayleygraph/quad/jsonld"  // registers "jsonld"
	_ "github.com/cayleygraph/quad/nquads"  // registers "nquads"
)

// Formats lists the names of the formats that can be written.
func Formats() []string {
	var out []string
	for _, f := range quad.Formats() {
		if f.Writer != nil {
			out = append(out, f.Name)
		}
	}
	sort.Strings(out)
	return out
}

// Write writes all quads of qs to w in the named format and returns how
// many it wrote.
func Write(ctx context.Context, qs cgraph.QuadStore, w io.Writer, format string) (int, error) {
	f := quad.FormatByName(format)
	if f == nil || f.Writer == nil {
		return 0, fmt.Errorf("unknown export format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	qr := cgraph.NewQuadStoreReader(qs)
	defer qr.Close()
	qw := f.Writer(w)
	n, err := quad.Copy(qw, qr)
	if err != nil {
		qw.Close()
		return int(n), fmt.Errorf("export %s: %w", format, err)
	}
	if err := qw.Close(); err != nil {
		return int(n), fmt.Errorf("export %s: %w", format, err)
	}
	return int(n), nil
}
