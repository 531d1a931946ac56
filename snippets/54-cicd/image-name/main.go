// Parses image references the way the release job's tools do, and prints what each parser says.
// docker and buildx parse with github.com/distribution/reference; cosign with
// github.com/google/go-containerregistry/pkg/name. Exit status 1 when any reference is refused.
//
//	go run . ghcr.io/MyOrg/lumen@sha256:<64 hex> ghcr.io/myorg/lumen@sha256:<64 hex>
package main

import (
	"fmt"
	"os"

	"github.com/distribution/reference"
	"github.com/google/go-containerregistry/pkg/name"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go run . IMAGE_REFERENCE...")
		os.Exit(2)
	}
	refused := false
	for _, ref := range os.Args[1:] {
		fmt.Println(ref)
		if named, err := reference.ParseNormalizedNamed(ref); err != nil {
			fmt.Printf("  distribution/reference (docker):  %v\n", err)
			refused = true
		} else {
			fmt.Printf("  distribution/reference (docker):  ok, repository %s\n", reference.Path(named))
		}
		if parsed, err := name.ParseReference(ref); err != nil {
			fmt.Printf("  go-containerregistry (cosign):    %v\n", err)
			refused = true
		} else {
			fmt.Printf("  go-containerregistry (cosign):    ok, repository %s\n", parsed.Context().RepositoryStr())
		}
	}
	if refused {
		os.Exit(1)
	}
}
