"""Everything that reaches below whoosh's public API, in one place.

govsearch runs on whoosh-reloaded (pinned in pyproject.toml); `tests/test_engine_contract.py`
fails loudly when a whoosh release changes what these modules rely on:

- `writer`: `SegmentWriter` internals (`PostingPool._write_run`/`_read_run`, `_tempstorage`,
  `newsegment`, `segments`,
  `_finalize_segment`, `_close_segment`, `_merge_segments`, `_commit_toc`, `_finish`, the
  `_lk` lock switch, `per_document_reader`, `fieldwriter.add_postings`);
- `segments`: finished `Segment` objects pickled from helper processes into one commit;
- `fields`: the `(term, freq, weight, value)` items of `FieldType.index`, `field.format`
  replaced on built fields, TEXT fields cloned through `__dict__`, the Positions encodings;
- `postings`: whoosh3 block matchers (`_read_data`, `_data` as the (delta-coded ids,
  minified weights, values) tuple of `W3PostingsWriter._write_block`, `_byteids`,
  `_read_values`, `_values`, `_next_block`, a block's `_maxid` read from its header to skip
  it) and `deleted_docs_set` for deletions;
  the term index (`W3TermsReader.term_info`, `items_from`, `_codec.postings_reader`,
  `_postfile`), term infos (`extent`, `is_inlined`, `inlined_postings`) and a
  `W3LeafMatcher` built over a `BufferFile` copy of a term's postings;
- `positions`: the `CompactPositions` value layout (`fields.py`), decoded with numpy;
- `matching`: the length column of a segment (`_perdoc._cached_reader`, `_lenfield`,
  `LENGTHS_COLUMN`, `col._dbfile`, `_basepos`, `_count`) and `byte_to_length`, to score BM25F
  over numpy arrays exactly as whoosh does (`whoosh.scoring.bm25`, the one BM25).
- `safepickle`: every unpickling call of whoosh (`whoosh.index.pickle`, `StructFile.read_pickle`
  via `structfile.load_pickle`, `whoosh.codec.whoosh3.loads`, `whoosh.columns.loads`,
  `whoosh.legacy.toc_loaders`), `TOC.read`, `W3PerDocReader.stored_fields` and
  `SegmentReader.__init__` (to name the file), checked by `tests/test_engine_safety.py`;
- `protocol`: the module-level `dumps` of `whoosh.codec.whoosh3` and `whoosh.columns`, so
  posting blocks and stored fields are pickled with protocol 4;
- `swap`: `TOC` (`read`, `write`, `_pattern`, `_segment_pattern`, `_latest_generation`),
  `whoosh.index.clean_files` and whoosh's lock file, to swap a rebuilt index in at once.

Nothing outside this package imports a private whoosh name.
"""

from . import protocol, safepickle

safepickle.install()  # before any index is opened: no pickle in an index runs code
protocol.install()  # whoosh's pickles written with protocol 4: bytes stay bytes
