package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	"github.com/julienschmidt/httprouter"
)

// maxShapeQuery bounds the size of a query sent to the shape endpoint.
const maxShapeQuery = 1 << 20

// maxRecorded bounds how many shapes one query may have recorded (finding
// the whole shapes among them is quadratic).
const maxRecorded = 2000

// errReadOnlyShape is returned by writes attempted while taking a shape.
var errReadOnlyShape = errors.New("web: query shape: the store cannot be written while taking a query shape")

// QueryShape returns the shapes (query plans) of a query in language lang
// ("gizmo", "mql", "graphql"), one per result-producing call in the query
// (for Gizmo, one per final such as all() or toArray()), in the order they
// were built.
//
// Each shape is a JSON-ready tree: {"type": "NodesFrom", "dir": "object",
// "quads": {...}} and so on, following cayley's query/shape types, after
// cayley's generic optimizations, with node references named by their
// values in qs. The query runs against a view of qs in which every scan is
// empty, so taking a shape reads no quads and never writes. Identical
// shapes are reported once; at most maxRecorded shapes are looked at.
func QueryShape(ctx context.Context, qs cgraph.QuadStore, lang, q string) (shapes []any, err error) {
	l := query.GetLanguage(lang)
	if l == nil || l.Session == nil {
		return nil, fmt.Errorf("web: query shape: unsupported language %q", lang)
	}
	defer func() {
		// The query languages are third-party code run on user input.
		if p := recover(); p != nil {
			shapes, err = nil, fmt.Errorf("web: query shape: %s query failed: %v", lang, p)
		}
	}()
	rec := &shapeRecorder{QuadStore: cgraph.Unwrap(qs)}
	it, err := l.Session(rec).Execute(ctx, q, query.Options{Collation: query.JSON, Limit: 100})
	if err != nil {
		return nil, fmt.Errorf("web: query shape: %s: %w", lang, err)
	}
	for it.Next(ctx) {
	}
	err = it.Err()
	if cerr := it.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("web: query shape: %s: %w", lang, err)
	}
	d := describer{qs: qs}
	for _, s := range rec.roots() {
		shapes = append(shapes, d.shape(s, 0))
	}
	if shapes == nil {
		shapes = []any{}
	}
	return shapes, nil
}

// shapeRecorder is a QuadStore view that records the shapes the query
// languages hand to the store's optimizer, and answers every scan with
// nothing.
type shapeRecorder struct {
	cgraph.QuadStore

	mu   sync.Mutex
	seen []shape.Shape
}

// OptimizeShape implements shape.Optimizer. Shapes optimize their children
// before themselves, so a shape is recorded after all of its parts.
func (r *shapeRecorder) OptimizeShape(_ context.Context, s shape.Shape) (shape.Shape, bool) {
	r.mu.Lock()
	if len(r.seen) < maxRecorded {
		r.seen = append(r.seen, s)
	}
	r.mu.Unlock()
	return s, false
}

func (r *shapeRecorder) NodesAllIterator() iterator.Shape { return iterator.NewNull() }
func (r *shapeRecorder) QuadsAllIterator() iterator.Shape { return iterator.NewNull() }
func (r *shapeRecorder) QuadIterator(quad.Direction, cgraph.Ref) iterator.Shape {
	return iterator.NewNull()
}
func (r *shapeRecorder) ApplyDeltas([]cgraph.Delta, cgraph.IgnoreOpts) error {
	return errReadOnlyShape
}
func (r *shapeRecorder) NewQuadWriter() (quad.WriteCloser, error) { return nil, errReadOnlyShape }
func (r *shapeRecorder) Close() error                             { return nil }

// roots returns the recorded shapes that are not part of a shape recorded
// later: the whole shape of each query that was built.
func (r *shapeRecorder) roots() []shape.Shape {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []shape.Shape
	for i, s := range r.seen {
		inside := false
		for _, later := range r.seen[i+1:] {
			shape.Walk(later, func(x shape.Shape) bool {
				if !inside && reflect.DeepEqual(x, s) {
					inside = true
				}
				return !inside
			})
			if inside {
				break
			}
		}
		if !inside {
			out = append(out, s)
		}
	}
	return out
}

// describer turns shapes into JSON-ready trees.
type describer struct {
	qs cgraph.QuadStore
}

const maxDepth = 64

func lcFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func (d describer) shape(s shape.Shape, depth int) any {
	v := reflect.ValueOf(s)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	obj := map[string]any{"type": v.Type().Name()}
	if depth > maxDepth {
		obj["truncated"] = true
		return obj
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || v.Field(i).IsZero() {
				continue
			}
			if x := d.value(v.Field(i), depth+1); x != nil {
				obj[lcFirst(f.Name)] = x
			}
		}
	case reflect.Slice, reflect.Array:
		vals := make([]any, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			vals = append(vals, d.value(v.Index(i), depth+1))
		}
		obj["values"] = vals
	default:
		if v.CanInterface() {
			obj["value"] = fmt.Sprint(v.Interface())
		}
	}
	return obj
}

func (d describer) value(v reflect.Value, depth int) any {
	if !v.IsValid() || depth > maxDepth {
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		if v.IsNil() {
			return nil
		}
	}
	if !v.CanInterface() {
		return nil
	}
	switch x := v.Interface().(type) {
	case quad.Value:
		return quad.StringOf(x)
	case quad.Direction:
		return x.String()
	case *regexp.Regexp:
		return x.String()
	case shape.Shape:
		return d.shape(x, depth)
	case iterator.Shape:
		return map[string]any{"type": "Iterator", "value": x.String()}
	case refs.Ref:
		return d.ref(x)
	case map[string]refs.Ref:
		m := make(map[string]any, len(x))
		for k, r := range x {
			m[k] = d.ref(r)
		}
		return m
	case time.Time:
		return x.Format(time.RFC3339Nano)
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return d.value(v.Elem(), depth+1)
	case reflect.Struct:
		m := map[string]any{}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || v.Field(i).IsZero() {
				continue
			}
			if x := d.value(v.Field(i), depth+1); x != nil {
				m[lcFirst(f.Name)] = x
			}
		}
		return m
	case reflect.Slice, reflect.Array:
		out := make([]any, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			out = append(out, d.value(v.Index(i), depth+1))
		}
		return out
	case reflect.Map:
		m := map[string]any{}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			m[fmt.Sprint(k.Interface())] = d.value(v.MapIndex(k), depth+1)
		}
		return m
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		if s, ok := v.Interface().(fmt.Stringer); ok {
			return s.String()
		}
		return v.Interface()
	}
	return fmt.Sprint(v.Interface())
}

// ref names a node or quad reference by its value in the store.
func (d describer) ref(r refs.Ref) any {
	if r == nil {
		return nil
	}
	if v, err := d.qs.NameOf(r); err == nil && v != nil {
		return quad.StringOf(v)
	}
	if q, err := d.qs.Quad(r); err == nil && q.IsValid() {
		return q.NQuad()
	}
	return fmt.Sprint(r.Key())
}

// shapeHandler serves POST /api/v1/shape/:lang, the endpoint of the UI's
// Query Shape page: the body is the query, the answer {"shapes": [...]} or
// {"error": "..."}.
type shapeHandler struct {
	qs      cgraph.QuadStore
	timeout time.Duration
}

func (h *shapeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	lang := httprouter.ParamsFromContext(r.Context()).ByName("lang")
	body, err := io.ReadAll(io.LimitReader(r.Body, maxShapeQuery+1))
	if err != nil {
		writeJSONError(w, http.StatusBadRequest, fmt.Sprintf("reading the query: %v", err))
		return
	}
	if len(body) > maxShapeQuery {
		writeJSONError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("query longer than %d bytes", maxShapeQuery))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), h.timeout)
	defer cancel()
	shapes, err := QueryShape(ctx, h.qs, lang, string(body))
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "web: query shape: ")
		writeJSONError(w, http.StatusBadRequest, msg)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(map[string]any{"shapes": shapes})
}
