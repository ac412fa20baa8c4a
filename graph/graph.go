// Package graph defines kg's data model in quads: the IRIs of entities,
// documents, sentences and facts, the vocabulary that links them, and the
// conversion of an extracted fact.Document into the quads that represent
// it.
//
// Every quad that comes from a document carries a label (the fourth term)
// naming where it came from: a fact edge is labelled with its sentence's
// IRI, everything else the document asserts with the document's IRI. That
// label is how a document's quads are found again to be replaced or
// removed, and how a query walks from a fact to its evidence.
//
// The package builds values only; opening stores and writing to them is
// package graph/store's job.
package graph

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/voc"
	"github.com/kg-project/kg/extract/fact"
)

// Base is the root of every IRI kg mints. The .invalid top-level domain is
// reserved (RFC 2606), so these IRIs are absolute and valid in RDF yet can
// never clash with, or be dereferenced as, a real web address.
const Base = "https://kg.invalid/"

// Namespaces kg uses, by prefix. Gizmo queries can write IRIs briefly with
// these prefixes after g.addNamespace or g.loadNamespaces (store.Open keeps
// them in the graph).
var Namespaces = []struct{ Prefix, IRI string }{
	{"ent:", Base + "entity/"},
	{"concept:", Base + "concept/"},
	{"rel:", Base + "rel/"},
	{"doc:", Base + "doc/"},
	{"fact:", Base + "fact/"},
	{"kg:", Base + "schema/"},
	{"schema:", "http://schema.org/"},
	{"rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
	{"rdfs:", "http://www.w3.org/2000/01/rdf-schema#"},
	{"xsd:", "http://www.w3.org/2001/XMLSchema#"},
}

func init() {
	// Register kg's prefixes globally: Gizmo's g.IRI() (after
	// g.addDefaultNamespaces()) and cayley's HTTP API resolve short IRIs
	// against voc's namespaces, in every program that uses this data model.
	for _, n := range Namespaces {
		voc.Register(voc.Namespace{Prefix: n.Prefix, Full: n.IRI})
	}
}

// ShortIRI writes an IRI under one of Namespaces in prefixed form
// ("ent:Angela_Merkel"); other IRIs are returned as they are.
func ShortIRI(iri string) string {
	for _, n := range Namespaces {
		if rest, ok := strings.CutPrefix(iri, n.IRI); ok {
			return n.Prefix + rest
		}
	}
	return iri
}

// ExpandIRI reads a prefixed name of one of Namespaces
// ("ent:Angela_Merkel") as its full IRI.
func ExpandIRI(name string) (quad.IRI, bool) {
	for _, n := range Namespaces {
		if rest, ok := strings.CutPrefix(name, n.Prefix); ok && rest != "" && !strings.ContainsAny(rest, " \t\n") {
			return quad.IRI(n.IRI + rest), true
		}
	}
	return "", false
}

func ns(prefix string) string {
	for _, n := range Namespaces {
		if n.Prefix == prefix {
			return n.IRI
		}
	}
	panic("graph: unknown namespace " + prefix)
}

// Vocabulary. Properties of kg's own live under kg: (Base + "schema/").
var (
	RDFType      = quad.IRI(ns("rdf:") + "type")
	Label        = quad.IRI(ns("rdfs:") + "label")
	AltName      = quad.IRI(ns("schema:") + "alternateName")
	Headline     = quad.IRI(ns("schema:") + "headline")
	Published    = quad.IRI(ns("schema:") + "datePublished")
	NewsArticle  = quad.IRI(ns("schema:") + "NewsArticle")
	SchemaPerson = quad.IRI(ns("schema:") + "Person")
	SchemaOrg    = quad.IRI(ns("schema:") + "Organization")
	SchemaPlace  = quad.IRI(ns("schema:") + "Place")
	SchemaEvent  = quad.IRI(ns("schema:") + "Event")
	SchemaThing  = quad.IRI(ns("schema:") + "Thing")
	XSDDate      = quad.IRI(ns("xsd:") + "date")

	Source      = kg("source")       // document → its file or URL
	ContentHash = kg("contentHash")  // document → hex hash of its text
	Extractor   = kg("extractor")    // document → fingerprint of the extractor that read it
	Sentence    = kg("Sentence")     // class of sentence nodes
	Fact        = kg("Fact")         // class of fact nodes
	Text        = kg("text")         // sentence → its text
	Index       = kg("index")        // sentence → its 1-based position
	InDocument  = kg("inDocument")   // sentence → document
	MentionedIn = kg("mentionedIn")  // entity → sentence that mentions it
	Lemma       = kg("lemma")        // predicate → verb lemma
	Kind        = kg("kind")         // fact → action, title, affiliation, attribute
	Subject     = kg("subject")      // fact → subject node
	Predicate   = kg("predicate")    // fact → predicate IRI
	Object      = kg("object")       // fact → object node
	Evidence    = kg("sentence")     // fact → sentence node
	Confidence  = kg("confidence")   // fact → xsd:double
	Negated     = kg("negated")      // fact → true when negated
	Modality    = kg("modality")     // fact → "may", "will", ...
	AttributeTo = kg("attributedTo") // fact → who said it
	Span        = kg("span")         // fact → "start:end" byte offsets of the predicate in the document

	// Built-in predicates for facts that are not verbs.
	HasTitle       = Rel("has-title")
	AffiliatedWith = Rel("affiliated-with")
)

func kg(name string) quad.IRI { return quad.IRI(ns("kg:") + name) }

// Context returns the property that holds a fact's context of the given
// role ("time", "place", "manner", or a preposition).
func Context(role string) quad.IRI { return kg("context/" + Slug(role)) }

// Rel returns the IRI of a fact predicate such as "spoke-to".
func Rel(pred string) quad.IRI { return quad.IRI(ns("rel:") + Slug(pred)) }

// Document returns the IRI of a document.
func Document(id string) quad.IRI { return quad.IRI(ns("doc:") + Slug(id)) }

// SentenceIRI returns the IRI of sentence i (0-based) of a document. It
// is the label of the fact quads extracted from that sentence.
func SentenceIRI(docID string, i int) quad.IRI { return sentenceIRI(Slug(docID), i) }

func sentenceIRI(slug string, i int) quad.IRI {
	return quad.IRI(ns("doc:") + slug + "/s" + strconv.Itoa(i+1))
}

// FactIRI returns the IRI of fact j of sentence i of a document.
func FactIRI(docID string, i, j int) quad.IRI { return factIRI(Slug(docID), i, j) }

func factIRI(slug string, i, j int) quad.IRI {
	return quad.IRI(ns("fact:") + slug + "/s" + strconv.Itoa(i+1) + "/f" + strconv.Itoa(j+1))
}

// Entity returns the IRI of an entity. Named entities share one node per
// canonical name across all documents ("Angela Merkel" → …/entity/Angela_Merkel),
// whatever type each document's recogniser gave it; other noun phrases
// live under …/concept/, so a concept never collides with a named entity
// of the same spelling.
func Entity(e *fact.Entity) quad.IRI {
	if e.Named() {
		return quad.IRI(ns("ent:") + Slug(e.Name))
	}
	return quad.IRI(ns("concept:") + Slug(strings.ToLower(e.Name)))
}

// Slug turns a name into an IRI path segment: runs of white space become
// one underscore, characters that IRIs forbid (and the delimiters / ? #
// %) are percent-encoded, everything else (letters of any script) is kept
// so IRIs stay readable.
func Slug(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte('_')
			space = false
		}
		switch {
		case r == utf8.RuneError, unicode.IsControl(r):
			// dropped: never valid in an IRI
		case r < 0x80 && strings.ContainsRune("<>\"{}|^`\\%#?/", r):
			fmt.Fprintf(&b, "%%%02X", r)
		case !unicode.IsPrint(r):
			for _, c := range []byte(string(r)) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// TypeIRI returns the schema.org class for an entity type.
func TypeIRI(t string) quad.IRI {
	switch t {
	case fact.Person:
		return SchemaPerson
	case fact.Organization:
		return SchemaOrg
	case fact.Location:
		return SchemaPlace
	case fact.Event:
		return SchemaEvent
	}
	return SchemaThing
}

// PredicateName returns the predicate a fact is stored under. Facts that
// are negated or qualified by a modal keep that in the predicate itself
// ("not-fired", "may-fire") so the graph never states as plain fact what
// the text only denied or supposed.
func PredicateName(f *fact.Fact) string {
	p := f.Predicate
	if f.Modality != "" {
		p = f.Modality + "-" + p
	}
	if f.Negated {
		p = "not-" + p
	}
	return p
}

// Quads returns the quads that represent d, sorted and without duplicates.
func Quads(d *fact.Document) []quad.Quad {
	var qs []quad.Quad
	docIRI := Document(d.ID)
	slug := Slug(d.ID) // once: every sentence and fact IRI holds it
	sentIRI := func(i int) quad.IRI { return sentenceIRI(slug, i) }
	add := func(s quad.Value, p quad.IRI, o quad.Value, label quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: label})
	}
	add(docIRI, RDFType, NewsArticle, docIRI)
	if d.Title != "" {
		add(docIRI, Headline, quad.String(d.Title), docIRI)
	}
	if d.Date != "" {
		add(docIRI, Published, quad.TypedString{Value: quad.String(d.Date), Type: XSDDate}, docIRI)
	}
	if d.Source != "" {
		add(docIRI, Source, quad.String(d.Source), docIRI)
	}
	if d.Hash != "" {
		add(docIRI, ContentHash, quad.String(d.Hash), docIRI)
	}
	if d.Extractor != "" {
		add(docIRI, Extractor, quad.String(d.Extractor), docIRI)
	}
	used := map[int]bool{} // sentences with facts or mentions get a node
	for _, f := range d.Facts {
		used[f.Sent] = true
	}
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			used[m.Sent] = true
		}
	}
	if d.Doc != nil {
		for i, s := range d.Doc.Sentences {
			if !used[i] {
				continue
			}
			si := sentIRI(i)
			add(si, RDFType, Sentence, docIRI)
			add(si, Text, quad.String(s.Text), docIRI)
			add(si, Index, quad.Int(i+1), docIRI)
			add(si, InDocument, docIRI, docIRI)
		}
	}
	ents := make([]quad.IRI, len(d.Entities))
	for i := range d.Entities {
		e := &d.Entities[i]
		ents[i] = Entity(e)
		add(ents[i], RDFType, TypeIRI(e.Type), docIRI)
		add(ents[i], Label, quad.String(e.Name), docIRI)
		for _, a := range e.Aliases {
			add(ents[i], AltName, quad.String(a), docIRI)
		}
		for _, m := range e.Mentions {
			add(ents[i], MentionedIn, sentIRI(m.Sent), docIRI)
		}
	}
	arg := func(a fact.Arg) quad.Value {
		if a.Entity >= 0 && a.Entity < len(ents) {
			return ents[a.Entity]
		}
		return quad.String(a.Text)
	}
	perSent := map[int]int{}
	for _, f := range d.Facts {
		j := perSent[f.Sent]
		perSent[f.Sent]++
		if f.Subject.Entity < 0 || f.Subject.Entity >= len(ents) {
			continue // a fact needs a node to hang from
		}
		sIRI := sentIRI(f.Sent)
		pred := Rel(PredicateName(&f))
		subj, obj := ents[f.Subject.Entity], arg(f.Object)
		add(subj, pred, obj, sIRI)

		fi := factIRI(slug, f.Sent, j)
		add(fi, RDFType, Fact, docIRI)
		add(fi, Kind, quad.String(f.Kind), docIRI)
		add(fi, Subject, subj, docIRI)
		add(fi, Predicate, pred, docIRI)
		add(fi, Object, obj, docIRI)
		add(fi, Evidence, sIRI, docIRI)
		add(fi, Confidence, quad.Float(round3(f.Confidence)), docIRI)
		if d.Doc != nil && f.Sent < len(d.Doc.Sentences) && f.PredSpan.Len() > 0 {
			toks := d.Doc.Sentences[f.Sent].Tokens
			if f.PredSpan.Start >= 0 && f.PredSpan.End <= len(toks) {
				span := strconv.Itoa(toks[f.PredSpan.Start].Start) + ":" + strconv.Itoa(toks[f.PredSpan.End-1].End)
				add(fi, Span, quad.String(span), docIRI)
			}
		}
		if f.Negated {
			add(fi, Negated, quad.Bool(true), docIRI)
		}
		if f.Modality != "" {
			add(fi, Modality, quad.String(f.Modality), docIRI)
		}
		if f.Attribution >= 0 && f.Attribution < len(ents) {
			add(fi, AttributeTo, ents[f.Attribution], docIRI)
		}
		for _, c := range f.Context {
			add(fi, Context(c.Role), quad.String(c.Text), docIRI)
		}
		if f.Lemma != "" {
			add(pred, Lemma, quad.String(f.Lemma), docIRI)
		}
	}
	return Dedup(qs)
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// Dedup sorts quads by their N-Quads text and removes duplicates.
func Dedup(qs []quad.Quad) []quad.Quad {
	keys := make([]string, len(qs))
	idx := make([]int, len(qs))
	for i, q := range qs {
		keys[i] = q.NQuad()
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return keys[idx[a]] < keys[idx[b]] })
	out := make([]quad.Quad, 0, len(qs))
	for k, i := range idx {
		if k > 0 && keys[i] == keys[idx[k-1]] {
			continue
		}
		out = append(out, qs[i])
	}
	return out
}

// DocumentOf returns the id of the document a quad label belongs to: the
// document's own IRI or one of its sentences' IRIs. ok is false for labels
// kg did not mint.
func DocumentOf(label quad.Value) (id string, ok bool) {
	iri, isIRI := label.(quad.IRI)
	if !isIRI {
		return "", false
	}
	rest, found := strings.CutPrefix(string(iri), ns("doc:"))
	if !found || rest == "" {
		return "", false
	}
	if i := strings.LastIndex(rest, "/s"); i > 0 {
		if _, err := strconv.Atoi(rest[i+2:]); err == nil {
			rest = rest[:i]
		}
	}
	return rest, true
}
