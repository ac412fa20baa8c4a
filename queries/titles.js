// People and their titles and affiliations ("Angela Merkel: President, United States").
g.addDefaultNamespaces();
var people = g.V(g.IRI("schema:Person")).in(g.IRI("rdf:type")).unique().tag("person");
var titles = people.out(g.IRI("rel:has-title")).tag("title").back("person");
var orgs = people.out(g.IRI("rel:affiliated-with")).tag("affiliation").back("person");
titles.union(orgs).all();
