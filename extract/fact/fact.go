// Package fact defines what kg's extractor produces for one document: the
// entities it found and resolved, and the subject–predicate–object facts
// between them, each tied to the sentence and token spans it came from.
//
// The types are plain data shared by the extraction stages (clause
// extraction, entity resolution) and by the graph package, which turns
// them into quads. Nothing here reads text or writes quads.
package fact

import "github.com/kg-project/kg/extract/doc"

// Entity types. Named entities get one of the first four; other noun
// phrases that facts mention (rockets, the death toll) are Concept.
const (
	Person       = "PERSON"
	Organization = "ORGANIZATION"
	Location     = "LOCATION"
	Event        = "EVENT"
	Concept      = "CONCEPT"
)

// Mention is one place in the document where an entity is referred to.
type Mention struct {
	Sent int      // sentence index in the document
	Span doc.Span // token span within the sentence
	Text string   // the mention's surface text
	// Kind says how the mention was linked: "name", "alias" (a shorter or
	// titled form of the name), "pronoun", "description" ("the Prime
	// Minister"), "demonym" ("Chilean").
	Kind string
}

// Entity is one real-world thing as resolved within a document.
type Entity struct {
	Name     string    // canonical name ("Angela Merkel")
	Type     string    // one of the constants above
	Aliases  []string  // other names seen for it, without Name
	Mentions []Mention // in document order
}

// Named reports whether the entity is a named entity rather than a concept.
func (e *Entity) Named() bool { return e.Type != Concept }

// Arg is a fact's subject or object: an entity, or a literal value.
type Arg struct {
	Entity int    // index into Document.Entities, or -1 for a literal
	Text   string // the argument's text as it appears in the sentence
	Span   doc.Span
}

// Context is a circumstance of a fact kept beside it: when, where, how.
type Context struct {
	Role string // "time", "place", "manner", or a preposition ("during")
	Text string
}

// Fact kinds.
const (
	Action      = "action"      // a verb relation: rebels fired rockets
	Title       = "title"       // Angela Merkel has title Chancellor
	Affiliation = "affiliation" // Angela Merkel is affiliated with Germany
	Attribute   = "attribute"   // X is Y (copula)
)

// Fact is one subject–predicate–object statement from one sentence.
type Fact struct {
	Kind      string
	Sent      int // sentence index in the document
	Subject   Arg
	Predicate string // reads like the text: "spoke-to", "fired", "has-title"
	Lemma     string // the verb's lemma ("speak"), empty for non-verbal facts
	Object    Arg
	// PredSpan is the token span of the predicate's words in the sentence.
	PredSpan doc.Span

	Negated  bool
	Modality string // "", or the modal that qualifies it: "may", "will", "could"...
	// Attribution is the source the sentence attributes the fact to ("the
	// Kremlin said ...") as an entity index, or -1.
	Attribution int
	Context     []Context

	Confidence float64 // 0..1, from the extractor
}

// Document is the extraction result for one article.
type Document struct {
	ID     string // stable document id
	Title  string
	Date   string // publication date, YYYY-MM-DD, or ""
	Source string // where it was read from (a path, "-" for stdin, a URL)
	Hash   string // content hash of the text, hex
	// Extractor identifies the extractor build and options that produced
	// the facts (extract.Fingerprint), or "".
	Extractor string

	Doc      *doc.Document
	Entities []Entity
	Facts    []Fact
}
