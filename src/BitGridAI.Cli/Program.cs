using BitGridAI.Cli;

using var stdin = Console.OpenStandardInput();
using var stdout = Console.OpenStandardOutput();
return CliApp.Run(args, new CliIO(stdin, stdout, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected), TimeProvider.System);
