using LrCluster.Client;

return await Cli.BuildRoot().RunAsync(args);
