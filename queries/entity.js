// Everything known about one entity (found by name or alias): each fact it takes part in, with the sentence behind it.
// @param name Angela Merkel
g.addDefaultNamespaces();
var ent = g.V(params.name).in([g.IRI("rdfs:label"), g.IRI("schema:alternateName")]).unique();
var asSubject = ent.in(g.IRI("kg:subject")).tag("fact")
  .save(g.IRI("kg:subject"), "subject")
  .save(g.IRI("kg:predicate"), "predicate")
  .save(g.IRI("kg:object"), "object");
var asObject = ent.in(g.IRI("kg:object")).tag("fact")
  .save(g.IRI("kg:subject"), "subject")
  .save(g.IRI("kg:predicate"), "predicate")
  .save(g.IRI("kg:object"), "object");
asSubject.union(asObject)
  .out(g.IRI("kg:sentence"))
  .save(g.IRI("kg:text"), "evidence")
  .all();
