package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/julienschmidt/httprouter"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/fact"
	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/store"
)

// DefaultMaxBody is the default limit of an article posted to the
// document endpoints, in bytes.
const DefaultMaxBody = 8 << 20

// API paths of kg's own endpoints.
const (
	DocumentsPath = "/api/kg/v1/documents" // POST an article; GET/DELETE …/{id}
	ExtractPath   = "/api/kg/v1/extract"   // POST an article: extract without storing
	StatusPath    = "/api/kg/v1/status"    // GET: what the server allows
)

// Span is a range of the document text, in Unicode code points (Start,
// End: what a "character offset" is in most languages; JavaScript
// clients index Array.from(text)) and in UTF-8 bytes.
type Span struct {
	Start     int `json:"start"`
	End       int `json:"end"`
	ByteStart int `json:"byte_start"`
	ByteEnd   int `json:"byte_end"`
}

// DocumentResult is the answer to a posted article: what was stored and
// what was extracted. Offsets are into Text.
type DocumentResult struct {
	ID     string `json:"id"`
	IRI    string `json:"iri"`
	Title  string `json:"title,omitempty"`
	Date   string `json:"date,omitempty"`
	Source string `json:"source,omitempty"`
	Hash   string `json:"hash"`
	// Stored is false for a dry run; Added, Removed and Unchanged say
	// what the write did to the store.
	Stored    bool   `json:"stored"`
	Added     int    `json:"added"`
	Removed   int    `json:"removed"`
	Unchanged bool   `json:"unchanged"`
	Text      string `json:"text"`

	Sentences []SentenceResult `json:"sentences"`
	Entities  []EntityResult   `json:"entities"`
	Facts     []FactResult     `json:"facts"`
}

// SentenceResult is one sentence of the document.
type SentenceResult struct {
	Index int    `json:"index"`         // 0-based
	IRI   string `json:"iri,omitempty"` // set when the graph has a node for it
	Text  string `json:"text"`
	Span  Span   `json:"span"`
}

// EntityResult is one resolved entity.
type EntityResult struct {
	Index    int             `json:"index"` // what FactResult's entity fields refer to
	IRI      string          `json:"iri"`
	Name     string          `json:"name"`
	Type     string          `json:"type"`
	Named    bool            `json:"named"` // false for concepts
	Aliases  []string        `json:"aliases"`
	Mentions []MentionResult `json:"mentions"`
}

// MentionResult is one mention of an entity.
type MentionResult struct {
	Sentence int    `json:"sentence"`
	Text     string `json:"text"`
	Kind     string `json:"kind"`
	Span     *Span  `json:"span,omitempty"`
}

// ArgResult is a fact's subject or object.
type ArgResult struct {
	Name   string `json:"name"`          // the entity's name, or the literal
	IRI    string `json:"iri,omitempty"` // the entity's IRI; "" for a literal
	Entity int    `json:"entity"`        // index into Entities, -1 for a literal
	Text   string `json:"text"`          // the words of the sentence it comes from
	Span   *Span  `json:"span,omitempty"`
}

// PredicateResult is a fact's predicate.
type PredicateResult struct {
	Name  string `json:"name"`  // as stored: "spoke-to", "not-fired", "may-visit"
	Label string `json:"label"` // without negation and modality
	IRI   string `json:"iri"`
	Lemma string `json:"lemma,omitempty"`
	Text  string `json:"text,omitempty"`
	Span  *Span  `json:"span,omitempty"`
}

// EntityRef names an entity.
type EntityRef struct {
	Entity int    `json:"entity"`
	Name   string `json:"name"`
	IRI    string `json:"iri"`
}

// ContextResult is a circumstance of a fact.
type ContextResult struct {
	Role string `json:"role"`
	Text string `json:"text"`
}

// FactResult is one extracted fact.
type FactResult struct {
	IRI          string          `json:"iri,omitempty"` // the fact node; "" when the fact is not stored
	Kind         string          `json:"kind"`
	Sentence     int             `json:"sentence"`
	SentenceText string          `json:"sentence_text"`
	Subject      ArgResult       `json:"subject"`
	Predicate    PredicateResult `json:"predicate"`
	Object       ArgResult       `json:"object"`
	Confidence   float64         `json:"confidence"`
	Negated      bool            `json:"negated"`
	Modality     string          `json:"modality,omitempty"`
	Attribution  *EntityRef      `json:"attribution,omitempty"`
	Context      []ContextResult `json:"context,omitempty"`
}

// docAPI serves the document endpoints.
type docAPI struct {
	st       *store.Store
	readOnly bool
	maxBody  int64
	minConf  float64
	writeMu  *sync.RWMutex // one store writer at a time (readers share it on memstore)
	sem      chan struct{} // bounds concurrent extractions
}

func newDocAPI(cfg Config, writeMu *sync.RWMutex) *docAPI {
	limit := cfg.MaxBody
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	if limit > article.MaxSize {
		limit = article.MaxSize
	}
	return &docAPI{
		st: cfg.Store, readOnly: cfg.ReadOnly || cfg.Store == nil, maxBody: limit, minConf: cfg.MinConfidence,
		writeMu: writeMu, sem: make(chan struct{}, runtime.GOMAXPROCS(0)),
	}
}

func (d *docAPI) register(r *httprouter.Router) {
	r.HandlerFunc(http.MethodGet, StatusPath, d.status)
	r.HandlerFunc(http.MethodPost, ExtractPath, func(w http.ResponseWriter, r *http.Request) { d.post(w, r, false) })
	r.HandlerFunc(http.MethodPost, DocumentsPath, func(w http.ResponseWriter, r *http.Request) {
		d.post(w, r, !isTrue(r.URL.Query().Get("dry_run")))
	})
	// A catch-all, so that ids with slashes (from JSON records) can be
	// named too.
	r.HandlerFunc(http.MethodDelete, DocumentsPath+"/*id", d.delete)
	r.HandlerFunc(http.MethodGet, DocumentsPath+"/*id", d.get)
}

func isTrue(s string) bool {
	switch strings.ToLower(s) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func (d *docAPI) status(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"read_only": d.readOnly,
		"store":     d.st != nil,
		"max_body":  d.maxBody,
	})
}

// refuseWrite answers 403 (read-only) or 503 (no store) and reports
// whether it did.
func (d *docAPI) refuseWrite(w http.ResponseWriter) bool {
	switch {
	case d.st == nil:
		writeJSONError(w, http.StatusServiceUnavailable, "this server has no kg store to write to; POST "+ExtractPath+" extracts without storing")
	case d.readOnly:
		writeJSONError(w, http.StatusForbidden, "the store is served read-only: writes are refused; POST "+ExtractPath+" extracts without storing")
	default:
		return false
	}
	return true
}

// httpError is a refusal with its status code.
type httpError struct {
	code int
	msg  string
}

func (e *httpError) Error() string { return e.msg }

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// readArticle reads the posted article: text/plain (with ?id, ?title,
// ?date, ?url) or one JSON object {"id","title","date","url","text"}.
func (d *docAPI) readArticle(w http.ResponseWriter, r *http.Request) (*article.Article, error) {
	ct := r.Header.Get("Content-Type")
	mt := "text/plain"
	if ct != "" {
		var err error
		if mt, _, err = mime.ParseMediaType(ct); err != nil {
			return nil, &httpError{http.StatusBadRequest, fmt.Sprintf("bad Content-Type %q: %v", ct, err)}
		}
	}
	if mt == "application/x-www-form-urlencoded" {
		// curl --data-binary's default: the body is the article itself.
		mt = "text/plain"
	}
	if mt != "text/plain" && mt != "application/json" {
		return nil, &httpError{http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %s is not accepted: post text/plain (the article) or application/json ({\"id\",\"title\",\"date\",\"url\",\"text\"})", mt)}
	}
	if r.ContentLength > d.maxBody {
		return nil, &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body: %d bytes, more than the limit of %d bytes", r.ContentLength, d.maxBody)}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, d.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body: more than the limit of %d bytes", d.maxBody)}
		}
		return nil, &httpError{http.StatusBadRequest, fmt.Sprintf("reading the request body: %v", err)}
	}
	const name = "request body"
	q := r.URL.Query()
	if mt == "application/json" {
		a, err := article.FromJSON(name, body)
		if err != nil {
			return nil, &httpError{http.StatusBadRequest, err.Error()}
		}
		if a.Source == name {
			a.Source = ""
		}
		if len(a.ID) > 512 {
			return nil, &httpError{http.StatusBadRequest, fmt.Sprintf("id is %d bytes long, more than 512", len(a.ID))}
		}
		return a, nil
	}
	id := strings.TrimSpace(q.Get("id"))
	if len(id) > 512 {
		return nil, &httpError{http.StatusBadRequest, fmt.Sprintf("id is %d bytes long, more than 512", len(id))}
	}
	// "-" keeps Parse from deriving the id from the name.
	a, err := article.Parse("-", id, body)
	if err != nil {
		var ae *article.Error
		if errors.As(err, &ae) {
			return nil, &httpError{http.StatusBadRequest, name + ": " + ae.Problem}
		}
		return nil, &httpError{http.StatusBadRequest, name + ": " + err.Error()}
	}
	a.Source = strings.TrimSpace(q.Get("url"))
	if date := strings.TrimSpace(q.Get("date")); date != "" {
		if !dateRE.MatchString(date) {
			return nil, &httpError{http.StatusBadRequest, fmt.Sprintf("date %q is not YYYY-MM-DD", date)}
		}
		if _, err := time.Parse("2006-01-02", date); err != nil {
			return nil, &httpError{http.StatusBadRequest, fmt.Sprintf("date %q is not a date: %v", date, err)}
		}
		a.Date = date
	}
	if title := strings.Join(strings.Fields(q.Get("title")), " "); title != "" {
		a.Title = title
		if !strings.HasPrefix(strings.TrimSpace(a.Text), title) {
			// As for JSON records: the title is text too.
			a.Text = title + "\n\n" + a.Text
		}
	}
	return a, nil
}

// extract runs the extraction, at most GOMAXPROCS at a time.
func (d *docAPI) extract(ctx context.Context, a *article.Article) (fd *fact.Document, err error) {
	select {
	case d.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-d.sem }()
	if err := extract.Ready(); err != nil {
		return nil, fmt.Errorf("the extraction models cannot be loaded: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			fd, err = nil, fmt.Errorf("extraction of document %s failed: %v", a.ID, p)
		}
	}()
	opts := extract.Options{MinConfidence: d.minConf}
	fd = extract.Extract(a, opts)
	// Record the extractor as kg build does, so a later build of the same
	// text by the same kg skips the document.
	fd.Extractor = extract.Fingerprint(opts)
	return fd, nil
}

func (d *docAPI) post(w http.ResponseWriter, r *http.Request, write bool) {
	if write && d.refuseWrite(w) {
		return
	}
	a, err := d.readArticle(w, r)
	if err != nil {
		var he *httpError
		if errors.As(err, &he) {
			writeJSONError(w, he.code, he.msg)
		} else {
			writeJSONError(w, http.StatusBadRequest, err.Error())
		}
		return
	}
	fd, err := d.extract(r.Context(), a)
	if err != nil {
		writeJSONError(w, http.StatusInternalServerError, err.Error())
		return
	}
	res := Result(fd)
	code := http.StatusOK
	if write {
		d.writeMu.Lock()
		wr, err := d.st.WriteDocument(r.Context(), fd)
		d.writeMu.Unlock()
		if err != nil {
			writeJSONError(w, http.StatusInternalServerError, err.Error())
			return
		}
		res.Stored, res.Added, res.Removed, res.Unchanged = true, wr.Added, wr.Removed, wr.Unchanged
		if !wr.Unchanged {
			code = http.StatusCreated
		}
		w.Header().Set("Location", DocumentsPath+"/"+pathEscape(fd.ID))
	}
	writeJSON(w, code, res)
}

// pathEscape escapes an id for a URL path, keeping its slashes.
func pathEscape(id string) string {
	parts := strings.Split(id, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

func docID(r *http.Request) string {
	return strings.TrimPrefix(httprouter.ParamsFromContext(r.Context()).ByName("id"), "/")
}

func (d *docAPI) delete(w http.ResponseWriter, r *http.Request) {
	if d.refuseWrite(w) {
		return
	}
	id := docID(r)
	if id == "" {
		writeJSONError(w, http.StatusNotFound, "no document id in the path: DELETE "+DocumentsPath+"/{id}")
		return
	}
	d.writeMu.Lock()
	defer d.writeMu.Unlock()
	old, err := d.st.DocumentQuads(r.Context(), id)
	if err != nil {
		writeJSONError(w, http.StatusInternalServerError, fmt.Sprintf("reading document %s: %v", id, err))
		return
	}
	if len(old) == 0 {
		writeJSONError(w, http.StatusNotFound, fmt.Sprintf("no document %q in the store", id))
		return
	}
	n, err := d.st.RemoveDocument(r.Context(), id)
	if err != nil {
		writeJSONError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "iri": string(graph.Document(id)), "removed": n})
}

// Result turns an extraction into the endpoints' answer (not yet
// stored). The IRIs are those graph.Quads gives the document's nodes.
func Result(fd *fact.Document) *DocumentResult {
	res := &DocumentResult{
		ID: fd.ID, IRI: string(graph.Document(fd.ID)), Title: fd.Title, Date: fd.Date, Source: fd.Source, Hash: fd.Hash,
		Sentences: []SentenceResult{}, Entities: []EntityResult{}, Facts: []FactResult{},
	}
	var sents []doc.Sentence
	if fd.Doc != nil {
		res.Text = fd.Doc.Text
		sents = fd.Doc.Sentences
	}
	cv := newRuneIndex(res.Text)
	tokSpan := func(si int, sp doc.Span) *Span {
		if si < 0 || si >= len(sents) || sp.Len() <= 0 || sp.Start < 0 || sp.End > len(sents[si].Tokens) {
			return nil
		}
		toks := sents[si].Tokens
		return cv.span(toks[sp.Start].Start, toks[sp.End-1].End)
	}
	used := map[int]bool{}
	for _, f := range fd.Facts {
		used[f.Sent] = true
	}
	for _, e := range fd.Entities {
		for _, m := range e.Mentions {
			used[m.Sent] = true
		}
	}
	for i, s := range sents {
		sr := SentenceResult{Index: i, Text: s.Text}
		if sp := cv.span(s.Start, s.End); sp != nil {
			sr.Span = *sp
		}
		if used[i] {
			sr.IRI = string(graph.SentenceIRI(fd.ID, i))
		}
		res.Sentences = append(res.Sentences, sr)
	}
	iris := make([]string, len(fd.Entities))
	for i := range fd.Entities {
		e := &fd.Entities[i]
		iris[i] = string(graph.Entity(e))
		er := EntityResult{Index: i, IRI: iris[i], Name: e.Name, Type: e.Type, Named: e.Named(), Aliases: e.Aliases, Mentions: []MentionResult{}}
		if er.Aliases == nil {
			er.Aliases = []string{}
		}
		for _, m := range e.Mentions {
			er.Mentions = append(er.Mentions, MentionResult{Sentence: m.Sent, Text: m.Text, Kind: m.Kind, Span: tokSpan(m.Sent, m.Span)})
		}
		res.Entities = append(res.Entities, er)
	}
	arg := func(si int, a fact.Arg) ArgResult {
		ar := ArgResult{Name: a.Text, Entity: -1, Text: a.Text, Span: tokSpan(si, a.Span)}
		if a.Entity >= 0 && a.Entity < len(iris) {
			ar.Entity, ar.Name, ar.IRI = a.Entity, fd.Entities[a.Entity].Name, iris[a.Entity]
		}
		if ar.Span != nil {
			ar.Text = cv.text[ar.Span.ByteStart:ar.Span.ByteEnd]
		}
		return ar
	}
	perSent := map[int]int{}
	for i := range fd.Facts {
		f := &fd.Facts[i]
		j := perSent[f.Sent] // numbered as graph.Quads numbers them
		perSent[f.Sent]++
		fr := FactResult{
			Kind: f.Kind, Sentence: f.Sent,
			Subject: arg(f.Sent, f.Subject), Object: arg(f.Sent, f.Object),
			Predicate: PredicateResult{
				Name: graph.PredicateName(f), Label: f.Predicate, IRI: string(graph.Rel(graph.PredicateName(f))),
				Lemma: f.Lemma, Span: tokSpan(f.Sent, f.PredSpan),
			},
			Confidence: float64(int(f.Confidence*1000+0.5)) / 1000,
			Negated:    f.Negated, Modality: f.Modality,
		}
		if f.Sent >= 0 && f.Sent < len(sents) {
			fr.SentenceText = sents[f.Sent].Text
		}
		if fr.Predicate.Span != nil {
			fr.Predicate.Text = cv.text[fr.Predicate.Span.ByteStart:fr.Predicate.Span.ByteEnd]
		}
		if fr.Subject.Entity >= 0 {
			fr.IRI = string(graph.FactIRI(fd.ID, f.Sent, j))
		}
		if a := f.Attribution; a >= 0 && a < len(iris) {
			fr.Attribution = &EntityRef{Entity: a, Name: fd.Entities[a].Name, IRI: iris[a]}
		}
		for _, c := range f.Context {
			fr.Context = append(fr.Context, ContextResult{Role: c.Role, Text: c.Text})
		}
		res.Facts = append(res.Facts, fr)
	}
	return res
}

// runeIndex converts byte offsets of a UTF-8 text into code-point
// offsets in O(1 KiB) each: it keeps the code-point count at every
// KiB boundary.
type runeIndex struct {
	text   string
	blocks []int // code points before byte i<<10
}

func newRuneIndex(text string) *runeIndex {
	ri := &runeIndex{text: text, blocks: make([]int, len(text)>>10+1)}
	n := 0
	for i := 0; i < len(text); i++ {
		if i&1023 == 0 {
			ri.blocks[i>>10] = n
		}
		if text[i]&0xC0 != 0x80 {
			n++
		}
	}
	return ri
}

func (ri *runeIndex) runes(b int) int {
	blk := b >> 10
	n := ri.blocks[blk]
	for i := blk << 10; i < b; i++ {
		if ri.text[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// span returns the Span of bytes [start, end), or nil when it is not
// within the text.
func (ri *runeIndex) span(start, end int) *Span {
	if start < 0 || end < start || end > len(ri.text) {
		return nil
	}
	return &Span{Start: ri.runes(start), End: ri.runes(end), ByteStart: start, ByteEnd: end}
}

// StoredDocument is what the store holds of a document.
type StoredDocument struct {
	ID        string           `json:"id"`
	IRI       string           `json:"iri"`
	Title     string           `json:"title,omitempty"`
	Date      string           `json:"date,omitempty"`
	Source    string           `json:"source,omitempty"`
	Hash      string           `json:"hash,omitempty"`
	Quads     int              `json:"quads"`
	Sentences []StoredSentence `json:"sentences"`
	Facts     []StoredFact     `json:"facts"`
}

// StoredSentence is a sentence node of a stored document.
type StoredSentence struct {
	Index int    `json:"index"` // 0-based, as in DocumentResult
	IRI   string `json:"iri"`
	Text  string `json:"text"`
}

// StoredFact is a fact node of a stored document. Nodes are IRIs,
// literals their string values.
type StoredFact struct {
	IRI        string  `json:"iri"`
	Kind       string  `json:"kind"`
	Subject    string  `json:"subject"`
	Predicate  string  `json:"predicate"`
	Object     string  `json:"object"`
	Sentence   string  `json:"sentence"`
	Confidence float64 `json:"confidence"`
	Span       string  `json:"span,omitempty"` // "start:end" bytes of the predicate
	Negated    bool    `json:"negated,omitempty"`
	Modality   string  `json:"modality,omitempty"`
}

func (d *docAPI) get(w http.ResponseWriter, r *http.Request) {
	if d.st == nil {
		writeJSONError(w, http.StatusServiceUnavailable, "this server has no kg store")
		return
	}
	id := docID(r)
	if id == "" {
		writeJSONError(w, http.StatusNotFound, "no document id in the path: GET "+DocumentsPath+"/{id}")
		return
	}
	qs, err := d.st.DocumentQuads(r.Context(), id)
	if err != nil {
		writeJSONError(w, http.StatusInternalServerError, fmt.Sprintf("reading document %s: %v", id, err))
		return
	}
	if len(qs) == 0 {
		writeJSONError(w, http.StatusNotFound, fmt.Sprintf("no document %q in the store", id))
		return
	}
	writeJSON(w, http.StatusOK, storedDocument(id, qs))
}

func valueString(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	}
	return quad.ToString(v)
}

func storedDocument(id string, qs []quad.Quad) *StoredDocument {
	docIRI := graph.Document(id)
	sd := &StoredDocument{ID: id, IRI: string(docIRI), Quads: len(qs), Sentences: []StoredSentence{}, Facts: []StoredFact{}}
	sents := map[string]*StoredSentence{}
	facts := map[string]*StoredFact{}
	sent := func(v quad.Value) *StoredSentence {
		k := valueString(v)
		if s := sents[k]; s != nil {
			return s
		}
		s := &StoredSentence{IRI: k, Index: -1}
		sents[k] = s
		return s
	}
	fct := func(v quad.Value) *StoredFact {
		k := valueString(v)
		if f := facts[k]; f != nil {
			return f
		}
		f := &StoredFact{IRI: k}
		facts[k] = f
		return f
	}
	isFact := map[string]bool{}
	for _, q := range qs {
		if q.Subject == docIRI {
			switch q.Predicate {
			case graph.Headline:
				sd.Title = valueString(q.Object)
			case graph.Published:
				sd.Date = valueString(q.Object)
			case graph.Source:
				sd.Source = valueString(q.Object)
			case graph.ContentHash:
				sd.Hash = valueString(q.Object)
			}
			continue
		}
		switch q.Predicate {
		case graph.RDFType:
			switch q.Object {
			case graph.Sentence:
				sent(q.Subject)
			case graph.Fact:
				isFact[valueString(q.Subject)] = true
			}
		case graph.Text:
			sent(q.Subject).Text = valueString(q.Object)
		case graph.Index:
			if n, ok := q.Object.(quad.Int); ok {
				sent(q.Subject).Index = int(n) - 1
			}
		case graph.Kind:
			fct(q.Subject).Kind = valueString(q.Object)
		case graph.Subject:
			fct(q.Subject).Subject = valueString(q.Object)
		case graph.Predicate:
			fct(q.Subject).Predicate = valueString(q.Object)
		case graph.Object:
			fct(q.Subject).Object = valueString(q.Object)
		case graph.Evidence:
			fct(q.Subject).Sentence = valueString(q.Object)
		case graph.Confidence:
			if x, ok := q.Object.(quad.Float); ok {
				fct(q.Subject).Confidence = float64(x)
			}
		case graph.Span:
			fct(q.Subject).Span = valueString(q.Object)
		case graph.Negated:
			if b, ok := q.Object.(quad.Bool); ok {
				fct(q.Subject).Negated = bool(b)
			}
		case graph.Modality:
			fct(q.Subject).Modality = valueString(q.Object)
		}
	}
	for _, s := range sents {
		sd.Sentences = append(sd.Sentences, *s)
	}
	sort.Slice(sd.Sentences, func(i, j int) bool {
		a, b := sd.Sentences[i], sd.Sentences[j]
		if a.Index != b.Index {
			return a.Index < b.Index
		}
		return a.IRI < b.IRI
	})
	for k, f := range facts {
		if isFact[k] {
			sd.Facts = append(sd.Facts, *f)
		}
	}
	sort.Slice(sd.Facts, func(i, j int) bool { return sd.Facts[i].IRI < sd.Facts[j].IRI })
	return sd
}
