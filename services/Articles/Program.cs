using NewsPlatform.Articles;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddArticles();

var app = builder.Build();

app.UseProblemDetailsForErrors();
app.MapDefaultEndpoints();
app.MapArticles();

app.Run();
