// compile: skip (C# 10 global using)
// A global using imports Entity Framework Core into every file of the project.
global using Microsoft.EntityFrameworkCore;
