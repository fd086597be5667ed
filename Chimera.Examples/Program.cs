using Chimera.Examples;

return await ExampleRunner.RunAsync(args, Console.Out).ConfigureAwait(false);
