"""The AWS Machine Learning Stack Guide: data model, loader and page generation."""
