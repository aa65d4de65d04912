package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/web"
)

// accountStates is a store whose stories come back cut to their size
// bound, or unreadable, as a store holding such stories reads them.
type accountStates struct {
	storyfold.Store
	unreadable bool
}

func (s accountStates) Story(ctx context.Context, id string) (*storyfold.Story, error) {
	if s.unreadable {
		return nil, fmt.Errorf("stored story: %w: decompressed size exceeds configured limit", storyfold.ErrUnreadable)
	}
	st, err := s.Store.Story(ctx, id)
	if err == nil {
		st.Omitted = &storyfold.Omitted{Quotes: 1234, Variants: 7}
	}
	return st, err
}

// TestOmittedAndUnreadableStories checks that a story page and its API
// answer say what a cut account leaves out, and that a story whose saved
// account cannot be read back gets a page saying so and why, not the
// store's failure.
func TestOmittedAndUnreadableStories(t *testing.T) {
	h, st := newHandler(t, web.Config{})
	id := storyIDOf(t, h)
	for _, tc := range []struct {
		name       string
		unreadable bool
		path       string
		status     int
		want       string
	}{
		{"cut page", false, "/stories/" + id, http.StatusOK, "it leaves out 1,234 more quote groups and 7 more wordings of the groups kept"},
		{"cut api", false, "/api/v1/stories/" + id, http.StatusOK, `"omitted":{"quotes":1234,"variants":7}`},
		{"unreadable page", true, "/stories/" + id, http.StatusInternalServerError, "saved account cannot be read back"},
		{"unreadable api", true, "/api/v1/stories/" + id, http.StatusInternalServerError, `"unreadable"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := web.New(web.Config{Store: accountStates{Store: st, unreadable: tc.unreadable}, CacheBytes: -1})
			rec := serve(srv, http.MethodGet, tc.path, "", nil)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			if !strings.Contains(rec.Body.String(), tc.want) {
				t.Errorf("the answer lacks %q:\n%.2000s", tc.want, rec.Body)
			}
			if strings.Contains(rec.Body.String(), "The store failed") {
				t.Errorf("an unreadable story is answered as a failure of the store")
			}
		})
	}
}
