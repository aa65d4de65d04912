package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/sqlite"
	"github.com/storyfold/storyfold/store/storetest"
)

func TestConformance(t *testing.T) {
	var path string
	open := func(t *testing.T) storyfold.Store {
		path = filepath.Join(t.TempDir(), "storyfold.db")
		s, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	reopen := func(t *testing.T) storyfold.Store {
		s, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	storetest.Run(t, open, reopen)
}

func TestNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	if err := os.WriteFile(path, []byte("this is not a database, just text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Open(context.Background(), path); err == nil {
		t.Error("opening a text file as a database succeeded")
	}
}
