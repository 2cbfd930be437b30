// Placeholder entry point until the hosting work lands: chooses nothing yet.
Console.Error.WriteLine("image-export: hosting not built yet");
return 1;
