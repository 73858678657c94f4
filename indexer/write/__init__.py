"""`Report` → index documents, and the build that commits them.

- `analysis`: jieba words and character bigrams, the analyzers of the text fields;
- `schema`: the fields of the index, declared once as data, and its fingerprint;
- `documents`: a `Report` as one report document plus one unit per problem and measure;
- `codec`: the stored form of a report (compressed JSON);
- `build`: `build_index(paths | reports, index)`: planning, hashing, workers, one commit.

Takes `Report` objects (or files, which `build` has `batch` parse); never searches.
"""
