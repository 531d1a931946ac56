module example.com/lumen/image-name

go 1.25.0

require (
	github.com/distribution/reference v0.6.0
	github.com/google/go-containerregistry v0.22.1
)

require github.com/opencontainers/go-digest v1.0.0 // indirect
