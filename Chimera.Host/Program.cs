using Chimera.Host.CommandLine;

return await ChimeraCommandLine.InvokeAsync(args).ConfigureAwait(false);
