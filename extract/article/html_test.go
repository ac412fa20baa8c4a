package article

import (
	"strings"
	"testing"
)

const newsPage = `<!DOCTYPE html>
<html lang="en"><head>
<title>Storm closes ports along the coast | Example News</title>
<meta property="og:title" content="Storm closes ports along the coast">
<meta property="article:published_time" content="2024-03-07T09:30:00Z">
<script>var tracker = "Subscribe now";</script>
<style>.ad { color: red }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li><li>Subscribe to our newsletter</li></ul></nav>
<aside class="sponsor banner">Buy cheap flights today! Limited offer for readers.</aside>
<article>
<h1>Storm closes ports along the coast</h1>
<p>The port authority closed three harbours on Thursday as a storm with winds of more than 100 kilometres an hour moved along the northern coast, officials said.</p>
<p>Maria Keller, the authority's director, told reporters that ferries would stay in port until Saturday. "We will not put crews at risk," she said in a statement.</p>
<p>Fishing crews moved their boats to sheltered moorings overnight, and the national weather service warned of flooding in low-lying towns near the river mouth.</p>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Ten things to do this weekend</a></li><li><a href="/b">Celebrity chef opens bistro</a></li></ul></aside>
<footer><p>Copyright 2024 Example News. All rights reserved. Privacy policy. Cookie settings.</p></footer>
</body></html>
`

func TestHTMLMainText(t *testing.T) {
	a, err := Parse("storm.html", "", []byte(newsPage))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"The port authority closed three harbours on Thursday",
		`"We will not put crews at risk," she said`,
		"warned of flooding in low-lying towns",
	} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, a.Text)
		}
	}
	for _, clutter := range []string{"Subscribe", "cheap flights", "Celebrity chef", "Copyright", "tracker", "color: red", "<p>"} {
		if strings.Contains(a.Text, clutter) {
			t.Errorf("text keeps page clutter %q:\n%s", clutter, a.Text)
		}
	}
	if a.Title != "Storm closes ports along the coast" {
		t.Errorf("title %q", a.Title)
	}
	if a.Date != "2024-03-07" {
		t.Errorf("date %q, want the page's published time 2024-03-07", a.Date)
	}
	// Paragraphs stay apart, so sentences do not run together.
	if !strings.Contains(a.Text, "officials said.\n") {
		t.Errorf("paragraphs are not separated:\n%q", a.Text)
	}
}

func TestHTMLFragmentKeepsAllText(t *testing.T) {
	// Too short for readability to call it an article: read whole.
	a, err := Parse("frag.html", "", []byte(`<p>President <b>Joe Biden</b> met <a href="x">Emmanuel Macron</a> in Paris.</p>`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "President Joe Biden met Emmanuel Macron in Paris.") {
		t.Errorf("fragment text %q", a.Text)
	}
}
