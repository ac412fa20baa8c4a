//go:build unix

package web

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBrowserKGPage opens kg's page in headless Chromium, pastes an
// article, extracts it and checks that the sentences show highlighted
// facts and that the entities are listed; then it follows an entity's
// query link into the UI's Query page and runs the query there.
func TestBrowserKGPage(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the browser test in -short mode")
	}
	deadline := time.Now().Add(50 * time.Second)
	srv, st := newDocServer(t, Config{KG: Page()})
	c := startBrowser(t, deadline)
	shots := os.Getenv("KG_WEB_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var problems []string
	c.onEvent = func(method string, params json.RawMessage) {
		var p struct {
			Response struct {
				URL    string `json:"url"`
				Status int    `json:"status"`
			} `json:"response"`
			Request struct {
				URL string `json:"url"`
			} `json:"request"`
			Type             string `json:"type"`
			ExceptionDetails struct {
				Exception struct {
					Description string `json:"description"`
				} `json:"exception"`
			} `json:"exceptionDetails"`
		}
		json.Unmarshal(params, &p)
		mu.Lock()
		defer mu.Unlock()
		switch {
		case method == "Network.requestWillBeSent" && !strings.HasPrefix(p.Request.URL, srv.URL) && !strings.HasPrefix(p.Request.URL, "data:"):
			problems = append(problems, "request outside the server: "+p.Request.URL)
		case method == "Network.responseReceived" && p.Response.Status >= 400:
			problems = append(problems, fmt.Sprintf("%s: %d", p.Response.URL, p.Response.Status))
		case method == "Runtime.exceptionThrown":
			problems = append(problems, "exception: "+p.ExceptionDetails.Exception.Description)
		case method == "Runtime.consoleAPICalled" && p.Type == "error":
			problems = append(problems, "console.error")
		}
	}
	for _, m := range []string{"Page.enable", "Runtime.enable", "Network.enable"} {
		if err := c.Call(m, nil, nil); err != nil {
			t.Fatal(err)
		}
	}

	// The UI links to the page.
	if err := c.Call("Page.navigate", map[string]any{"url": srv.URL + "/"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitFor(`document.getElementById('kg-page-link') && document.getElementById('kg-page-link').getAttribute('href') === '/kg/'`, 20*time.Second); err != nil {
		screenshot(t, c, shots, "kg-link-failed.png")
		t.Fatalf("the UI has no link to /kg/: %v", err)
	}
	if err := c.Click(`document.getElementById('kg-page-link')`); err != nil {
		t.Fatal(err)
	}
	// Evaluating while the page navigates fails; try again until loaded.
	var err error
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if err = c.WaitFor(`location.pathname === '/kg/' && document.readyState === 'complete' && document.getElementById('doc-text') !== null`, 5*time.Second); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("following the link did not open the kg page: %v", err)
	}
	before := len(storeQuads(t, st))

	// Paste the article and extract.
	if err := c.Click(`document.getElementById('doc-text')`); err != nil {
		t.Fatal(err)
	}
	if err := c.Call("Input.insertText", map[string]any{"text": testArticle}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Click(`document.getElementById('extract')`); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitFor(`document.getElementById('status').className === 'ok' && document.querySelectorAll('#sentences .hl-pred').length > 0`, 20*time.Second); err != nil {
		var st string
		c.Eval(`document.getElementById('status').textContent`, &st)
		screenshot(t, c, shots, "kg-page-failed.png")
		t.Fatalf("no highlighted facts after Extract: %v; status %q", err, st)
	}
	var page struct {
		Subj, Pred, Obj    []string
		Facts, Entities    int
		EntityNames        []string
		Status, QueryLinks string
	}
	js := `(() => { const texts = s => [...document.querySelectorAll('#sentences ' + s)].map(e => e.textContent);
		return {Subj: texts('.hl-subj'), Pred: texts('.hl-pred'), Obj: texts('.hl-obj'),
		  Facts: document.querySelectorAll('#facts tbody tr').length,
		  Entities: document.querySelectorAll('#entities tbody tr').length,
		  EntityNames: [...document.querySelectorAll('#entities tbody tr td:first-child')].map(e => e.textContent),
		  Status: document.getElementById('status').textContent,
		  QueryLinks: [...document.querySelectorAll('#entities a.query-link')].map(a => a.getAttribute('href')).join(' ')}; })()`
	if err := c.Eval(js, &page); err != nil {
		t.Fatal(err)
	}
	screenshot(t, c, shots, "kg-page.png")
	if len(page.Subj) == 0 || len(page.Obj) == 0 || page.Facts == 0 || page.Entities == 0 {
		t.Errorf("page shows %d subject, %d predicate, %d object highlights, %d facts, %d entities", len(page.Subj), len(page.Pred), len(page.Obj), page.Facts, page.Entities)
	}
	if !strings.Contains(strings.Join(page.Pred, "|"), "thanked") || !strings.Contains(strings.Join(page.Obj, "|"), "Martínez") {
		t.Errorf("highlights: predicates %q, objects %q", page.Pred, page.Obj)
	}
	if !strings.Contains(strings.Join(page.EntityNames, "|"), "Macron") {
		t.Errorf("entities listed: %q", page.EntityNames)
	}
	if !strings.Contains(page.Status, "stored") || len(storeQuads(t, st)) <= before {
		t.Errorf("status %q; the store has %d quads, %d before", page.Status, len(storeQuads(t, st)), before)
	}

	// Pointing at one fact shows only its parts.
	if err := c.Eval(`document.querySelector('#sentences li[data-fact]').dispatchEvent(new MouseEvent('mouseenter'))`, nil); err != nil {
		t.Fatal(err)
	}
	var one struct{ Pred int }
	c.Eval(`(() => { const li = document.querySelector('#sentences li[data-fact]'); return {Pred: li.closest('.sent').querySelectorAll('.hl-pred').length}; })()`, &one)
	if one.Pred != 1 {
		t.Errorf("pointing at a fact shows %d predicate highlights in its sentence, want 1", one.Pred)
	}

	// An entity's query link opens the Query page with its query.
	var href, iri string
	if err := c.Eval(`(() => { const tr = [...document.querySelectorAll('#entities tbody tr')].find(r => r.textContent.includes('Macron'));
		return tr ? tr.querySelector('a.query-link').getAttribute('href') : ''; })()`, &href); err != nil || href == "" {
		t.Fatalf("no query link for Macron (%v); links: %s", err, page.QueryLinks)
	}
	c.Eval(`[...document.querySelectorAll('#entities tbody tr')].find(r => r.textContent.includes('Macron')).dataset.entity`, &iri)
	if err := c.Call("Page.navigate", map[string]any{"url": srv.URL + href}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitFor(fmt.Sprintf(`window.monaco && monaco.editor.getModels().some(m => m.getValue().includes(%q))`, iri), 20*time.Second); err != nil {
		screenshot(t, c, shots, "kg-query-failed.png")
		t.Fatalf("the Query page did not open with the entity's query: %v", err)
	}
	if err := c.Click(runButton()); err != nil {
		t.Fatal(err)
	}
	results := fmt.Sprintf(jsModels, "json") + `.join('\n')`
	if err := c.WaitFor(results+`.includes('https://kg.invalid/rel/')`, 10*time.Second); err != nil {
		var got []string
		c.Eval(fmt.Sprintf(jsModels, "json"), &got)
		screenshot(t, c, shots, "kg-query-failed.png")
		t.Fatalf("the entity's query found no facts: %v; results %q", err, got)
	}
	screenshot(t, c, shots, "kg-query.png")

	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("problems in the page: %q", problems)
	}
}
