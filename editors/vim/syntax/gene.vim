" Vim syntax file
" Language: Gene (a Lisp-like language: https://github.com/gcao/gene)
" Install:  copy syntax/ and ftdetect/ into ~/.vim (or a plugin manager's directory).

if exists('b:current_syntax')
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

" A bare token runs to whitespace, a comma or one of " % ( ) [ ] { }.
setlocal iskeyword=33,35-36,38-39,42-43,45-47,48-57,58-64,65-90,92,94-95,97-122,124,126,128-255

" Comments: # followed by a space, !, # or the line end; #< … ># blocks, where a >#
" right after another > does not close (so #<< … >># can sit inside).
syn match   geneComment      "\%(^\|[[:space:],"%()[\]{}]\)\zs#\%([ !#]\|$\).*$" contains=geneTodo,@Spell
syn region  geneBlockComment start="#<" end="\%(>\)\@<!>#" contains=geneTodo,@Spell
syn keyword geneTodo         contained TODO FIXME XXX NOTE

" Strings, with escapes; #"…" interpolates #{expr}, #(call) and #[array].
syn match   geneEscape       contained "\\u\x\{4}\|\\."
syn region  geneString       start=+"""+ end=+"""+ contains=geneEscape,@Spell
syn region  geneString       start=+"\%(""\)\@!+ skip=+\\.+ end=+"+ contains=geneEscape,@Spell
syn region  geneInterpString start=+#"""+ end=+"""+ contains=geneEscape,geneInterp,geneInterpCall,geneBlockComment
syn region  geneInterpString start=+#"\%(""\)\@!+ skip=+\\.+ end=+"+ contains=geneEscape,geneInterp,geneInterpCall,geneBlockComment
syn region  geneInterp       contained matchgroup=geneInterpDelim start="#{" end="}" contains=@geneCode,geneNestedBraces
syn region  geneInterpCall   contained matchgroup=geneInterpDelim start="#(" end=")" contains=@geneCode,geneNestedParens
syn region  geneInterpCall   contained matchgroup=geneInterpDelim start="#\[" end="]" contains=@geneCode,geneNestedBrackets
syn region  geneNestedBraces   contained transparent start="{" end="}" contains=@geneCode,geneNestedBraces
syn region  geneNestedParens   contained transparent start="(" end=")" contains=@geneCode,geneNestedParens
syn region  geneNestedBrackets contained transparent start="\[" end="]" contains=@geneCode,geneNestedBrackets

" Regex literals #/…/flags, where \/ is a slash.
syn region  geneRegex        start="#/" skip="\\." end="/[A-Za-z]*" contains=geneEscape

" Atoms.
syn match   geneChar         "'\%(\\.\|[^\\']\)'"
syn match   geneNumber       "\%(^\|[[:space:],"%()[\]{}]\)\zs[+-]\=\d\+\%(\.\d*\)\=\%([eE][+-]\=\d\+\)\=\ze\%([[:space:],"%()[\]{}]\|$\)"
syn keyword geneConstant     nil true false
syn keyword geneSelf         self _ $ns $ex $pkg

" Props: ^key value, ^^flag (true), ^!flag (nil).
syn match   geneProp         "\^[^[:space:],"%()[\]{}]\+"
syn match   geneFlag         "\^[\^!][^[:space:],"%()[\]{}]\+"

" Quote :x, unquote %x / %_x and decorators #@f.
syn match   geneQuote        ":"
syn match   geneUnquote      "%_\="
syn match   geneDecorator    "#@[^[:space:],"%()[\]{}]*"

" Special forms and operators (whole tokens only, thanks to iskeyword).
syn keyword geneControl      if then elif else not do loop while for in repeat break continue return
syn keyword geneControl      try catch finally throw match case when async await void import from
syn keyword geneDefine       var fn fnx fnxx macro class ns enum new super mixin include .fn .ctor .macro $object
syn keyword geneMeta         eval $with $tap $parse $caller_eval $set $render $emit $regex $env $set_env $cmd_args
syn keyword geneBuiltin      print println assert range mod rem div
syn keyword geneOperator     + - * / ** < <= > >= == != = += -= *= /= &&= \|\|= && \|\| ! =~ !~ .. ... -> ./ @ @*

syn cluster geneCode contains=geneComment,geneBlockComment,geneString,geneInterpString,geneRegex,geneChar,geneNumber,geneConstant,geneSelf,geneProp,geneFlag,geneQuote,geneUnquote,geneDecorator,geneControl,geneDefine,geneMeta,geneBuiltin,geneOperator

syn sync minlines=200

hi def link geneComment      Comment
hi def link geneBlockComment Comment
hi def link geneTodo         Todo
hi def link geneString       String
hi def link geneInterpString String
hi def link geneInterpDelim  Delimiter
hi def link geneEscape       SpecialChar
hi def link geneRegex        String
hi def link geneChar         Character
hi def link geneNumber       Number
hi def link geneConstant     Constant
hi def link geneSelf         Identifier
hi def link geneProp         Identifier
hi def link geneFlag         Identifier
hi def link geneQuote        Special
hi def link geneUnquote      Special
hi def link geneDecorator    PreProc
hi def link geneControl      Statement
hi def link geneDefine       Define
hi def link geneMeta         Macro
hi def link geneBuiltin      Function
hi def link geneOperator     Operator

let b:current_syntax = 'gene'
let &cpo = s:cpo_save
unlet s:cpo_save
