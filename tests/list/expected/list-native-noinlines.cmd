TZ=UTC go tool pprof -symbolize=none -noinlines -list=crc|checksum -trim_path=/e2e -source_path=testdata/symbolize/e2e tests/list/ref/crc.pb.gz
# go version go1.19.8 linux/amd64
