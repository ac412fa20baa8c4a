// Entities of one schema.org type (Person, Organization, Place, Event, Thing) with their names.
// @param type Person
g.addDefaultNamespaces();
g.V(g.IRI("schema:" + params.type)).in(g.IRI("rdf:type")).unique()
  .tag("entity")
  .save(g.IRI("rdfs:label"), "name")
  .all();
