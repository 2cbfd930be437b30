Console.Error.WriteLine("local stack: not built yet");
return 1;
