package pipeline
import ("testing";"os";"path/filepath";"github.com/storyfold/storyfold")
func BenchmarkPrepareProf(b *testing.B){
 files,_ := filepath.Glob("../examples/ukraine-talks/*.txt")
 var raw []storyfold.Article
 for _, f := range files { d,_ := os.ReadFile(f); raw = append(raw, storyfold.Article{ID:f, Text:"Published February 13, 2025\n\n"+string(d)}) }
 b.ResetTimer()
 for i := 0; i < b.N; i++ { in := append([]storyfold.Article(nil), raw...); Prepare(in, nil, nil) }
}
