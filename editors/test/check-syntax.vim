" Run by vim-syntax.sh with sample.gene loaded: writes what is wrong to g:out.
let s:errors = []
if &filetype !=# 'gene'
  call add(s:errors, 'ftdetect: filetype is "' . &filetype . '"')
endif
" [line, column, the syntax group expected there]
for [s:l, s:c, s:want] in [
      \ [1, 1, 'geneComment'], [2, 3, 'geneComment'], [3, 25, 'geneBlockComment'],
      \ [3, 60, 'geneBlockComment'], [4, 2, 'geneDefine'], [4, 18, 'geneProp'],
      \ [5, 14, 'geneInterpString'], [5, 26, 'geneInterp'], [5, 54, 'geneInterpDelim'],
      \ [5, 65, 'geneProp'], [6, 12, 'geneControl'], [7, 24, 'geneFlag'], [7, 32, 'geneChar'],
      \ [7, 41, 'geneNumber'], [7, 47, 'geneNumber'], [7, 53, 'geneConstant'],
      \ [7, 57, 'geneQuote'], [7, 62, 'geneUnquote'], [7, 69, 'geneFlag'], [8, 9, 'geneRegex'],
      \ [9, 5, 'geneString'], [10, 1, 'geneDecorator'], [10, 9, 'geneDefine']]
  let s:got = synIDattr(synID(s:l, s:c, 0), 'name')
  if s:got !=# s:want
    call add(s:errors, printf('%d:%d: %s, expected %s', s:l, s:c, s:got, s:want))
  endif
endfor
let s:last = line('$')
let s:stack = synstack(s:last, col([s:last, '$']))
if !empty(s:stack)
  call add(s:errors, 'still open at the end: ' . join(map(s:stack, 'synIDattr(v:val, "name")')))
endif
if v:errmsg !=# ''
  call add(s:errors, 'vim: ' . v:errmsg)
endif
call writefile(s:errors, g:out)
