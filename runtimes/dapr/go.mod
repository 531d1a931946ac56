// Build-only module: pins the Dapr runtime binaries (daprd, placement, scheduler)
// that `npm run runtimes -- install dapr` compiles into the cache. It contains no code;
// the replace block mirrors github.com/dapr/dapr v1.18.1's own go.mod, because replace
// directives of a dependency are ignored by the Go toolchain and must be restated here.
module book.local/runtimes/dapr

go 1.26.4

require (
	github.com/dapr/dapr v1.18.1
	// dapr v1.18.1 asks for v0.12.5, which the module proxy reachable here refuses (403); v0.12.7 is
	// the patch release dapr v1.18.3 uses. Requiring it lets minimal version selection pick it.
	github.com/diagridio/go-etcd-cron v0.12.7
)

replace (
	dubbo.apache.org/dubbo-go/v3 => dubbo.apache.org/dubbo-go/v3 v3.0.3-0.20230118042253-4f159a2b38f3
	gopkg.in/couchbaselabs/gocbconnstr.v1 => github.com/couchbaselabs/gocbconnstr v1.0.5
)

replace (
	github.com/chenzhuoyu/iasm => github.com/chenzhuoyu/iasm v0.9.0
	github.com/chzyer/logex => github.com/chzyer/logex v1.2.1
	github.com/gobwas/pool => github.com/gobwas/pool v0.2.1
	github.com/toolkits/concurrent => github.com/niean/gotools v0.0.0-20151221085310-ff3f51fc5c60
)
