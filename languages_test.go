package storyfold

import (
	"reflect"
	"testing"
)

func TestCountLanguages(t *testing.T) {
	arts := func(langs ...string) []*Article {
		out := make([]*Article, len(langs))
		for i, l := range langs {
			out[i] = &Article{ID: string(rune('a' + i)), Language: l}
		}
		return out
	}
	for _, c := range []struct {
		name  string
		in    []*Article
		want  []LanguageCount
		shown string
	}{
		{"none", nil, []LanguageCount{}, ""},
		{"one language", arts("en", "en"), []LanguageCount{{"en", 2}}, "en"},
		{"most articles first", arts("en", "de", "de", "de", "en"), []LanguageCount{{"de", 3}, {"en", 2}}, "de 3, en 2"},
		{"ties by code", arts("fr", "de"), []LanguageCount{{"de", 1}, {"fr", 1}}, "de 1, fr 1"},
		{"unknown not counted", arts("", "es"), []LanguageCount{{"es", 1}}, "es"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := CountLanguages(c.in)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("CountLanguages = %v, want %v", got, c.want)
			}
			if s := LanguagesLine(got); s != c.shown {
				t.Errorf("LanguagesLine = %q, want %q", s, c.shown)
			}
		})
	}
}
