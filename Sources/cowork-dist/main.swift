import CoworkDistCLI

CoworkDist.main()
