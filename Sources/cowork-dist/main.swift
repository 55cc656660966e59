import CoworkDistCLI

CoworkDist.runMain()
