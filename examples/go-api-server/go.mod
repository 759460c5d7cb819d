module example.com/go-api-server

go 1.19
